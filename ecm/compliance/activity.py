"""Follow-ups, consultations, enforcement decisions and warning letters in the child's
activity list (three queries)."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.compliance import queries
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import ActivityItem


def items(actor: Actor, child: Child) -> list[ActivityItem]:
    if not access.can_read_children_in(actor, child.service_id):
        return []
    return queries.activity(child)
