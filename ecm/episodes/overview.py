"""The ECM episode block on the child's overview page."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.episodes.queries import episodes_of


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    episodes = episodes_of(child)
    current = next((e for e in episodes if e.is_open), None)
    return Section(
        "episodes/_overview.html",
        {
            "current": current,
            "earlier": [e for e in episodes if e is not current],
            "can_refer": current is None and access.can_edit_children_in(actor, child.service_id),
            "child": child,
        },
    )
