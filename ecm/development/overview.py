"""The latest developmental mapping on the child's record page, as text against the
child's age (two queries, however many mappings or estimates)."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.development import queries


def section(actor: Actor, child: Child) -> Section | None:
    # Partner agency workers see the child's key facts only, never the mapping.
    if not access.can_read_children_in(actor, child.service_id):
        return None
    mapping = queries.latest_mapping(child)
    return Section(
        template="development/_overview.html",
        context={
            "child": child,
            "view": queries.view_of(mapping) if mapping else None,
            "can_record": access.can_contribute_to_formulation_in(actor, child.service_id),
        },
    )
