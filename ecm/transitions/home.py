"""On case managers' home pages: the young people who need a transition plan, and the
voluntary engagement reviews that are due."""

from __future__ import annotations

from django.utils import timezone

from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.transitions import queries


def section(actor: Actor) -> Section | None:
    if not actor.has_any(access.CHILD_RECORD_EDITORS):
        return None
    plans = queries.plans_needed(actor)
    reviews = queries.reviews_due(actor)
    if not plans and not reviews:
        return None
    return Section(
        "transitions/_home.html",
        {"plans": plans, "reviews": reviews, "today": timezone.localdate()},
    )
