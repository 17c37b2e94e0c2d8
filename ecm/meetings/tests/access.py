"""The meetings app's rows of the authorisation matrix (see ecm/core/tests/access_matrix.py).

Each meeting is of a child of the service, chaired by psychologist-n, with the
child's case manager case-manager-n; agency n is invited and the child's sharing
consent names it, so partner-n reaches the invitation and the (limited) pack, and
nothing else.
"""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import (
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    READERS,
    every,
    only,
    scoped,
)
from ecm.meetings.tests.factories import action, shared_meeting

SCHEDULERS = {"psychologist", "team_manager"}
# The chair (psychologist-1), the child's case manager and team managers.
RECORDERS = {"psychologist", "case_manager", "team_manager"}


def _with_partner(roles: set[str], refused: set[str]) -> dict[str, object]:
    expect = scoped(roles, visible_but_refused=refused)
    expect["partner"] = (OK, NOT_FOUND)
    return expect


ACCESS: dict[str, dict[str, object]] = {
    "meetings:attendance": only({"team_manager", "senior_manager"}),
    "meetings:child": scoped(READERS),
    "meetings:schedule": scoped(SCHEDULERS, visible_but_refused=READERS - SCHEDULERS),
    "meetings:detail": scoped(READERS),
    "meetings:invite": scoped(RECORDERS, visible_but_refused=READERS - RECORDERS),
    "meetings:record": scoped(RECORDERS, visible_but_refused=READERS - RECORDERS),
    "meetings:action-add": scoped(RECORDERS, visible_but_refused=READERS - RECORDERS),
    "meetings:action-done": every(NOT_ALLOWED),
    "meetings:tier": scoped(RECORDERS, visible_but_refused=READERS - RECORDERS),
    "meetings:cancel": scoped(RECORDERS, visible_but_refused=READERS - RECORDERS),
    "meetings:pack": _with_partner(READERS, set()),
    "meetings:invitation": _with_partner(RECORDERS, READERS - RECORDERS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    if name == "meetings:attendance":
        return {}
    made = shared_meeting(world, n)
    if name in {"meetings:child", "meetings:schedule"}:
        return {"child_id": made.child_id}
    if name == "meetings:invitation":
        return {"invitation_id": made.invitations.get().pk}
    if name == "meetings:action-done":
        return {"meeting_id": made.pk, "action_id": action(made).pk}
    return {"meeting_id": made.pk}
