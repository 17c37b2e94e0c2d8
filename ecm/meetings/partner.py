"""Formulation meetings on a shared child's record, for a partner agency worker: a link
to each invitation page (with their agency's meeting pack) that would open for them,
scheduled or held meetings only (two queries at most, whatever the number of meetings)."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.meetings import queries


def section(actor: Actor, child: Child) -> Section | None:
    invitations = queries.partner_invitations(actor, child)
    if not invitations:
        return None
    return Section("meetings/_partner.html", {"child": child, "invitations": invitations})
