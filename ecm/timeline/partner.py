"""The life timeline on a shared child's record, for a partner agency worker: a link to
their agency's timeline events, shown exactly when that page would open for them (a
sharing consent in force names their agency and they are invited to a scheduled or
held meeting of the child; two queries at most)."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.timeline import queries


def section(actor: Actor, child: Child) -> Section | None:
    if not queries.partner_contributes(actor, child):
        return None
    return Section("timeline/_partner.html", {"child": child})
