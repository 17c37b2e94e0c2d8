"""The safeguarding pages' rows of the authorisation matrix."""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import READERS, only, scoped
from ecm.safeguarding.tests.factories import concern, escalated, referral

MANAGERS = {"team_manager", "senior_manager"}
CLOSERS = {"case_manager", "team_manager", "senior_manager"}

ACCESS: dict[str, dict[str, object]] = {
    "safeguarding:concerns": scoped(READERS),
    "safeguarding:raise": scoped(READERS),
    "safeguarding:detail": scoped(READERS),
    "safeguarding:escalate": scoped(READERS),
    "safeguarding:respond": scoped(MANAGERS, visible_but_refused=READERS - MANAGERS),
    "safeguarding:referral-add": scoped(READERS),
    "safeguarding:referral-outcome": scoped(READERS),
    "safeguarding:close": scoped(CLOSERS, visible_but_refused=READERS - CLOSERS),
    "concerns:open": only(MANAGERS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    if name == "concerns:open":
        return {}
    n = 1 if relation == "own" else 2
    child = world.child(n)
    kwargs: dict[str, object] = {"child_id": child.pk}
    if name == "safeguarding:respond":
        kwargs["concern_id"] = escalated(child).pk
    elif name == "safeguarding:referral-outcome":
        item = concern(child)
        kwargs.update(concern_id=item.pk, referral_id=referral(item).pk)
    elif name not in {"safeguarding:concerns", "safeguarding:raise"}:
        kwargs["concern_id"] = concern(child).pk
    return kwargs
