"""The plan block on the child's record page, for staff readers: what now, what next,
how many items are not yet suitable, and whether the tier changed since the plan was
last reviewed. Three queries: the plan, its items, the child's current tier."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.plans import queries
from ecm.trm.queries import current_tier


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    plan = queries.plan_of(child)
    items = queries.items_of(child)
    latest = current_tier(child)
    return Section(
        "plans/_overview.html",
        {
            "child": child,
            "plan": plan,
            "board": queries.board(items, latest.tier.number if latest else None),
            "change": queries.tier_change(plan, latest, items),
        },
    )
