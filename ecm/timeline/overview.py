"""The child's record page: the timeline's counts and links, for staff readers (one
query, whatever the number of events)."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.timeline import queries


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    return Section(
        "timeline/_overview.html",
        {
            "child": child,
            "counts": queries.counts(actor, child),
            "can_add": access.can_edit_timeline_in(actor, child.service_id),
        },
    )
