"""Voluntary engagement and the move to adult probation in the child's activity list
(three queries)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import ActivityItem, start_of_day
from ecm.transitions.models import TransitionPlan, TransitionStep, VoluntaryEngagement


def items(actor: Actor, child: Child) -> list[ActivityItem]:
    if not access.can_read_children_in(actor, child.service_id):
        return []
    link = reverse("transitions:index", args=[child.pk])
    result = []
    voluntary = _("Voluntary engagement")
    for engagement in VoluntaryEngagement.objects.filter(child=child).prefetch_related("reviews"):
        result.append(
            ActivityItem(
                start_of_day(engagement.started_on),
                voluntary,
                _("Voluntary engagement started"),
                link,
                _("On the child's fresh consent; planned end %(date)s")
                % {"date": formats.date_format(engagement.planned_end_on, "j F Y")},
            )
        )
        for review in engagement.reviews.all():
            result.append(
                ActivityItem(
                    start_of_day(review.reviewed_on),
                    voluntary,
                    _("Voluntary engagement reviewed"),
                    link,
                )
            )
        if engagement.ended_on is not None:
            result.append(
                ActivityItem(
                    start_of_day(engagement.ended_on),
                    voluntary,
                    _("Voluntary engagement ended"),
                    link,
                    str(engagement.get_end_reason_display()),
                )
            )
    kind = _("Adult probation")
    plan = TransitionPlan.objects.filter(child=child).select_related("review").first()
    if plan is None:
        return result
    result.append(ActivityItem(plan.created_at, kind, _("Transition plan made"), link))
    if plan.joint_meeting_on:
        result.append(
            ActivityItem(start_of_day(plan.joint_meeting_on), kind, _("Joint meeting"), link)
        )
    for step in TransitionStep.objects.filter(plan=plan, done_on__isnull=False):
        assert step.done_on is not None
        result.append(ActivityItem(start_of_day(step.done_on), kind, step.description, link))
    transfer = getattr(plan, "review", None)
    if transfer is not None:
        result.append(
            ActivityItem(
                start_of_day(transfer.transferred_on), kind, _("Moved to adult probation"), link
            )
        )
    return result
