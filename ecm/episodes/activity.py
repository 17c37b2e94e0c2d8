"""ECM episodes in the child's activity list: referral, screening decisions and every
move between stages (two queries)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import ActivityItem
from ecm.episodes.models import Screening, Stage, StageChange


def items(actor: Actor, child: Child) -> list[ActivityItem]:
    if not access.can_read_children_in(actor, child.service_id):
        return []
    kind = _("ECM episode")
    result = []
    for change in StageChange.objects.filter(episode__child=child).select_related("by"):
        if change.to_stage == Stage.REFERRED:
            title = _("Referred to ECM")
        else:
            title = _("Moved to %(stage)s") % {"stage": Stage(change.to_stage).label}
        result.append(
            ActivityItem(
                change.at,
                kind,
                str(title),
                reverse("episodes:detail", args=[change.episode_id]),
                change.by.full_name,
            )
        )
    for screening in Screening.objects.filter(episode__child=child).select_related("decided_by"):
        result.append(
            ActivityItem(
                screening.decided_at,
                _("Decision"),
                _("Screening decision: %(decision)s")
                % {"decision": screening.get_decision_display()},
                reverse("episodes:detail", args=[screening.episode_id]),
                screening.decided_by.full_name,
            )
        )
    return result
