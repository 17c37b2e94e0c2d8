"""Safeguarding concerns in the child's activity list: raised, escalated, closed (one
query)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import ActivityItem
from ecm.safeguarding.models import Concern


def items(actor: Actor, child: Child) -> list[ActivityItem]:
    if not access.can_read_children_in(actor, child.service_id):
        return []
    kind = _("Safeguarding")
    result = []
    for concern in Concern.objects.filter(child=child):
        link = reverse("safeguarding:detail", args=[child.pk, concern.pk])
        at_risk = ", ".join(concern.at_risk_labels())
        result.append(
            ActivityItem(concern.raised_at, kind, _("Safeguarding concern raised"), link, at_risk)
        )
        if concern.escalated_at is not None:
            result.append(
                ActivityItem(
                    concern.escalated_at, kind, _("Concern escalated to the team manager"), link
                )
            )
        if concern.closed_at is not None:
            result.append(
                ActivityItem(
                    concern.closed_at,
                    kind,
                    _("Concern closed"),
                    link,
                    str(concern.get_close_reason_display()),
                )
            )
    return result
