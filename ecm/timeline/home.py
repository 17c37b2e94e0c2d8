"""On a partner agency worker's home page: the children whose life timeline their
agency can add to before the formulation meeting."""

from __future__ import annotations

from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.timeline import queries


def section(actor: Actor) -> Section | None:
    if not actor.has_any(access.PARTNER_ROLES):
        return None
    children = queries.contributable_children(actor)
    if not children:
        return None
    return Section("timeline/_home.html", {"children": children})
