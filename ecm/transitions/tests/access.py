"""The voluntary engagement and transition pages' rows of the authorisation matrix."""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import EDITORS, READERS, scoped
from ecm.transitions.tests.factories import (
    engagement,
    plan,
    probation,
    sharing_with,
    step,
)

_WRITE = scoped(EDITORS, visible_but_refused=READERS - EDITORS)

ACCESS: dict[str, dict[str, object]] = {
    "transitions:index": scoped(READERS),
    "transitions:voluntary-start": _WRITE,
    "transitions:voluntary-review": _WRITE,
    "transitions:voluntary-end": _WRITE,
    "transitions:plan-add": _WRITE,
    "transitions:plan-change": _WRITE,
    "transitions:step-add": _WRITE,
    "transitions:step-done": _WRITE,
    "transitions:transfer-review": _WRITE,
    "transitions:handover-pack": _WRITE,
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    child = world.child(n)
    kwargs: dict[str, object] = {"child_id": child.pk}
    if name in {"transitions:voluntary-review", "transitions:voluntary-end"}:
        kwargs["engagement_id"] = engagement(child).pk
    elif name in {
        "transitions:plan-change",
        "transitions:step-add",
        "transitions:transfer-review",
    }:
        plan(child)
    elif name == "transitions:step-done":
        kwargs["step_id"] = step(plan(child)).pk
    elif name == "transitions:handover-pack":
        plan(child)
        sharing_with(child, probation(child))
    return kwargs
