"""The timeline pages' rows of the authorisation matrix (see ecm/core/tests/access_matrix.py).

Partner agency workers answer 404 here: the matrix's children are neither shared with
their agency nor is the agency invited to a meeting (see test_partners.py for both).
"""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import (
    EDITORS,
    NOT_ALLOWED,
    READERS,
    REDIRECT,
    ROLES,
    scoped,
)
from ecm.timeline.tests.factories import event

ADDERS = EDITORS | {"psychologist"}
_ADD = scoped(ADDERS, visible_but_refused=READERS - ADDERS)

ACCESS: dict[str, dict[str, object]] = {
    "timeline:list": scoped(READERS),
    "timeline:drawn": scoped(READERS),
    "timeline:pdf": scoped(READERS),
    "timeline:review": scoped(READERS),
    "timeline:history": scoped(READERS),
    "timeline:add": _ADD,
    "timeline:add-several": _ADD,
    "timeline:change": _ADD,
    # Accepting is a button on the review page: POST only.
    "timeline:accept": {"anonymous": REDIRECT, **{role: NOT_ALLOWED for role in ROLES}},
    "timeline:merge": scoped({"psychologist"}, visible_but_refused=READERS - {"psychologist"}),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    child = world.child(n)
    kwargs: dict[str, object] = {"child_id": child.pk}
    if name in {"timeline:change", "timeline:history", "timeline:accept"}:
        kwargs["event_id"] = event(child).pk
    if name == "timeline:merge":
        kwargs["event_id"] = event(
            child,
            status="pending",
            source_kind="agency",
            source_agency=world.agencies[n],
            contributed_by=world.person("partner", n),
        ).pk
    return kwargs
