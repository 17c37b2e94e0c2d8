"""Missed appointments on the child's record page: open follow-ups, decisions waiting
for sign-off and the statutory flags of the current orders (a fixed number of queries)."""

from __future__ import annotations

from django.utils import timezone

from ecm.children.models import Child
from ecm.compliance import queries
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    today = timezone.localdate()
    open_follow_ups = queries.open_follow_ups(child)
    records = [r for r in queries.statutory_records(child, today) if r.order.is_current(today)]
    return Section(
        "compliance/_overview.html",
        {
            "child": child,
            "open_follow_ups": open_follow_ups,
            "overdue": sum(1 for f in open_follow_ups if f.due_on < today),
            "records": records,
        },
    )
