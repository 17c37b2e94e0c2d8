"""The child's record page: current orders and offence counts (two queries, whatever
the number of offences or orders)."""

from __future__ import annotations

from django.utils import timezone

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.offending import queries


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    today = timezone.localdate()
    return Section(
        "offending/_overview.html",
        {
            "child": child,
            "counts": queries.offence_counts(child, today),
            "orders": queries.current_orders(child, today),
        },
    )
