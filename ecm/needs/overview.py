"""The child's record page: the complexity count and the needs recorded (one query)."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.needs import queries


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    return Section(
        "needs/_overview.html",
        {
            "child": child,
            "needs": queries.recorded_needs(child),
            "can_edit": access.can_edit_children_in(actor, child.service_id),
        },
    )
