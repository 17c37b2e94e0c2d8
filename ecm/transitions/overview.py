"""The child's record page: the phase after an order (voluntary engagement, shown to
everyone who opens the record) and, from 17½, the prompt for a transition plan
(three queries, whatever the data)."""

from __future__ import annotations

from django.utils import timezone

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.transitions import queries


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    today = timezone.localdate()
    engagement = queries.current_engagement(child, today)
    plan = queries.plan_of(child)
    episode = queries.open_episode(child)
    voluntary = engagement is not None and not getattr(engagement, "superseded", False)
    return Section(
        "transitions/_overview.html",
        {
            "child": child,
            "engagement": engagement if voluntary else None,
            "next_review": queries.next_review_on(engagement) if engagement else None,
            "today": today,
            "plan": plan,
            "prompt": plan is None
            and episode is not None
            and queries.old_enough_for_transition(child, today),
            "episode": episode,
            "prompt_age": queries.prompt_age(),
            "can_edit": access.can_edit_children_in(actor, child.service_id),
        },
    )
