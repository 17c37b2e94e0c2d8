"""The development app's rows of the authorisation matrix (see
ecm/core/tests/access_matrix.py).

Staff readers of the child's service read developmental mappings; case managers,
team managers and psychologists record them. Partner agency workers never reach
these pages (404, and the refusal is audited).
"""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import EDITORS, READERS, scoped
from ecm.development.tests.factories import mapping

CONTRIBUTORS = EDITORS | {"psychologist"}

ACCESS: dict[str, dict[str, object]] = {
    "development:index": scoped(READERS),
    "development:record": scoped(CONTRIBUTORS, visible_but_refused=READERS - CONTRIBUTORS),
    "development:mapping": scoped(READERS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    child = world.child(n)
    if name == "development:mapping":
        return {"child_id": child.pk, "mapping_id": mapping(child).pk}
    return {"child_id": child.pk}
