"""Appointments on the child's record page: the next ones, the usual slot and the
consistency figures (three queries, however many appointments)."""

from __future__ import annotations

from ecm.appointments import queries
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    return Section(
        "appointments/_overview.html",
        {
            "child": child,
            "next": queries.next_appointments(child),
            "figures": queries.consistency(child),
            "can_edit": access.can_edit_children_in(actor, child.service_id),
        },
    )
