"""The offending pages' rows of the authorisation matrix (see ecm/core/tests/access_matrix.py)."""

from __future__ import annotations

from datetime import date

from ecm.conftest import World
from ecm.core.tests.access_rules import EDITORS, READERS, scoped
from ecm.offending.models import Order, OrderType

_WRITE = scoped(EDITORS, visible_but_refused=READERS - EDITORS)

ACCESS: dict[str, dict[str, object]] = {
    "offending:history": scoped(READERS),
    "offending:offence-add": _WRITE,
    "offending:offences-add": _WRITE,
    "offending:order-add": _WRITE,
    "offending:order-change": _WRITE,
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    child = world.child(n)
    kwargs: dict[str, object] = {"child_id": child.pk}
    if name == "offending:order-change":
        order = Order.objects.create(
            child=child,
            order_type=OrderType.REFERRAL_ORDER,
            start_date=date(2026, 1, 5),
            expected_end_date=date(2026, 10, 5),
            recorded_by=world.person("case_manager", n),
        )
        kwargs["order_id"] = order.pk
    return kwargs
