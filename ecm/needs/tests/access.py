"""The needs pages' rows of the authorisation matrix (see ecm/core/tests/access_matrix.py)."""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import EDITORS, READERS, scoped

ACCESS: dict[str, dict[str, object]] = {
    "needs:summary": scoped(READERS),
    "needs:change": scoped(EDITORS, visible_but_refused=READERS - EDITORS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    return {"child_id": world.child(1 if relation == "own" else 2).pk}
