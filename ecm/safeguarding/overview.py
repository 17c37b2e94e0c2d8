"""The child's record page: open safeguarding concerns, prominently, in every phase
(one query, whatever the number of concerns)."""

from __future__ import annotations

from django.utils import timezone

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.safeguarding import queries


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    return Section(
        "safeguarding/_overview.html",
        {
            "child": child,
            "concerns": queries.open_concerns(child),
            "now": timezone.now(),
            "can_raise": access.can_raise_concerns_in(actor, child.service_id),
        },
        weight=0,
    )
