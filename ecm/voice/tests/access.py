"""The voice app's rows of the authorisation matrix (see ecm/core/tests/access_matrix.py).

Staff readers of the child's service read the child's and family's voice; case
managers, team managers and psychologists record it. Partner agency workers never
reach these pages (404, and the refusal is audited).
"""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import EDITORS, READERS, scoped
from ecm.voice.tests.factories import voice

CONTRIBUTORS = EDITORS | {"psychologist"}

ACCESS: dict[str, dict[str, object]] = {
    "voice:index": scoped(READERS),
    "voice:record": scoped(CONTRIBUTORS, visible_but_refused=READERS - CONTRIBUTORS),
    "voice:version": scoped(READERS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    child = world.child(n)
    if name == "voice:version":
        return {"child_id": child.pk, "record_id": voice(child).pk}
    return {"child_id": child.pk}
