"""On the home page: meetings the person is invited to and has not answered yet,
for staff and for partner agency workers (their agency's invitations, for children
whose sharing consent names the agency)."""

from __future__ import annotations

from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.meetings.queries import pending_invitations


def section(actor: Actor) -> Section | None:
    invitations = pending_invitations(actor)
    if not invitations:
        return None
    return Section("meetings/_home.html", {"invitations": invitations})
