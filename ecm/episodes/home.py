"""On the home page: decisions on the referrals the person made."""

from __future__ import annotations

from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.episodes.queries import recent_decisions


def section(actor: Actor) -> Section | None:
    if not actor.has_any(access.CHILD_RECORD_EDITORS):
        return None
    return Section("episodes/_home.html", {"decisions": recent_decisions(actor)})
