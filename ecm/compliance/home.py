"""On the home page: follow-ups of missed appointments assigned to the person, and
enforcement decisions waiting for a team manager's sign-off."""

from __future__ import annotations

from django.utils import timezone

from ecm.compliance import queries
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section


def section(actor: Actor) -> Section | None:
    follow_ups = queries.follow_ups_due(actor) if actor.has_any(access.CHILD_RECORD_EDITORS) else []
    sign_offs = (
        queries.awaiting_sign_off(actor) if actor.has_any(access.ENFORCEMENT_SIGNERS) else []
    )
    if not follow_ups and not sign_offs:
        return None
    return Section(
        "compliance/_home.html",
        {
            "follow_ups": follow_ups,
            "sign_offs": sign_offs,
            "today": timezone.localdate(),
            "me": actor.id,
        },
    )
