"""On the home page of case managers and team managers: outcomes to record."""

from __future__ import annotations

from ecm.appointments.queries import outcomes_to_record
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section

SHOWN = 5


def section(actor: Actor) -> Section | None:
    if not actor.has_any(access.CHILD_RECORD_EDITORS):
        return None
    appointments = outcomes_to_record(actor, context="home:outcomes-to-record")
    if not appointments:
        return None
    return Section(
        "appointments/_home.html",
        {"appointments": appointments[:SHOWN], "count": len(appointments)},
    )
