"""On team and senior managers' home pages: open safeguarding concerns in their services,
escalated ones first."""

from __future__ import annotations

from django.utils import timezone

from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.safeguarding.queries import managers_open_concerns

HOME_LIMIT = 10


def section(actor: Actor) -> Section | None:
    if not actor.has_any(access.CASELOAD_OVERSEERS):
        return None
    concerns = managers_open_concerns(actor, limit=HOME_LIMIT + 1)
    return Section(
        "safeguarding/_home.html",
        {
            "concerns": concerns[:HOME_LIMIT],
            "more": len(concerns) > HOME_LIMIT,
            "now": timezone.now(),
        },
    )
