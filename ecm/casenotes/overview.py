"""The child's record page: the newest case notes the person may read and the way to the
activity list (one query, whatever the number of notes)."""

from __future__ import annotations

from ecm.casenotes import queries
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    return Section(
        "casenotes/_overview.html",
        {
            "child": child,
            "notes": queries.latest_notes(actor, child),
            "can_write": access.can_write_case_notes_in(actor, child.service_id),
        },
    )
