"""The appointments pages' rows of the authorisation matrix (see access_matrix.py in core)."""

from __future__ import annotations

from ecm.appointments.tests import factories
from ecm.conftest import World
from ecm.core.tests.access_rules import EDITORS, READERS, only, scoped

_WRITE = scoped(EDITORS, visible_but_refused=READERS - EDITORS)

ACCESS: dict[str, dict[str, object]] = {
    "appointments:index": scoped(READERS),
    "appointments:book": _WRITE,
    "appointments:book-series": _WRITE,
    "appointments:detail": scoped(READERS),
    "appointments:change": _WRITE,
    "appointments:outcome": _WRITE,
    # The case manager's own list: every role that edits children's records has one.
    "outcomes:to-record": only(EDITORS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    if name == "outcomes:to-record":
        return {}
    child = world.child(1 if relation == "own" else 2)
    kwargs: dict[str, object] = {"child_id": child.pk}
    if name in {"appointments:detail", "appointments:change", "appointments:outcome"}:
        kwargs["appointment_id"] = factories.appointment(child, starts_at=factories.at(-1)).pk
    return kwargs
