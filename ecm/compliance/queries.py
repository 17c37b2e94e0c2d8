"""Reads of the non-attendance pathway: the child's compliance page, one follow-up, the
home page lists and the activity entries. Page reads take the Actor, answer 404 outside
the person's scope (recording the refusal) and are audited; the plain functions take a
child the caller has already been allowed to see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.audit.models import Verb
from ecm.audit.services import record_children_shown, record_event
from ecm.children.models import Child
from ecm.children.queries import child_for_page
from ecm.compliance.models import (
    Attempt,
    DecisionKind,
    DecisionState,
    EnforcementDecision,
    FollowUp,
    PsychologistConsultation,
)
from ecm.compliance.statutory import OrderRecord, order_record
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import ActivityItem
from ecm.episodes.models import Episode, Stage
from ecm.offending.models import STATUTORY_COURT_ORDERS, Order
from ecm.transitions.queries import in_voluntary_engagement

# The stages of an ECM episode where the psychologist is consulted before enforcement.
ECM_STAGES = (Stage.CONSENT, Stage.FORMULATION, Stage.ACTIVE)


def in_ecm(child: Child) -> bool:
    """The child is in an active ECM episode (seeking consent, formulation or active)."""
    return Episode.objects.filter(child=child, stage__in=ECM_STAGES).exists()


def child_for(actor: Actor, child_id: int, *, page: str) -> Child:
    """The child, for staff who read records in the child's service; 404 (recorded) otherwise."""
    return child_for_page(actor, child_id, page=page, refusal=f"compliance: {page}")


def decisions_of(child: Child) -> QuerySet[EnforcementDecision]:
    return EnforcementDecision.objects.filter(child=child).select_related(
        "follow_up__appointment", "decided_by", "signed_off_by"
    )


def statutory_orders(child: Child) -> list[Order]:
    return list(
        Order.objects.filter(child=child, order_type__in=STATUTORY_COURT_ORDERS).order_by(
            "-start_date", "-pk"
        )
    )


def statutory_records(child: Child, today: date) -> list[OrderRecord]:
    """Each statutory order with its failures, warnings and flags (two queries)."""
    decisions = list(decisions_of(child))
    return [order_record(order, decisions, today) for order in statutory_orders(child)]


def order_on(child: Child, day: date) -> Order | None:
    """The statutory order current on `day`, which a failure that day counts against."""
    return (
        Order.objects.filter(
            child=child, order_type__in=STATUTORY_COURT_ORDERS, start_date__lte=day
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .order_by("-start_date", "-pk")
        .first()
    )


@dataclass(frozen=True)
class CompliancePage:
    child: Child
    follow_ups: list[FollowUp]
    records: list[OrderRecord]
    voluntary: bool
    today: date


def _follow_ups(child: Child) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(child=child).select_related("appointment", "assigned_to")


def compliance_page(actor: Actor, child_id: int) -> CompliancePage:
    child = child_for(actor, child_id, page="compliance")
    today = timezone.localdate()
    follow_ups = list(_follow_ups(child).order_by("-appointment__starts_at", "-pk"))
    record_event(
        actor=actor,
        verb=Verb.VIEW_COMPLIANCE,
        child=child,
        object_type="compliance",
        detail={"follow_ups": len(follow_ups)},
    )
    return CompliancePage(
        child=child,
        follow_ups=follow_ups,
        records=statutory_records(child, today),
        voluntary=in_voluntary_engagement(child),
        today=today,
    )


def get_follow_up(actor: Actor, child_id: int, follow_up_id: int, *, page: str) -> FollowUp:
    """One follow-up of the child with its attempts, consultations and decisions, or 404."""
    child = child_for(actor, child_id, page=page)
    follow_up = (
        _follow_ups(child)
        .filter(pk=follow_up_id)
        .select_related("appointment__outcome", "completed_by")
        .prefetch_related(
            Prefetch("attempts", queryset=Attempt.objects.select_related("recorded_by")),
            Prefetch(
                "consultations",
                queryset=PsychologistConsultation.objects.select_related(
                    "psychologist", "recorded_by"
                ),
            ),
            Prefetch(
                "decisions",
                queryset=EnforcementDecision.objects.select_related(
                    "order", "decided_by", "signed_off_by"
                ),
            ),
        )
        .first()
    )
    if follow_up is None:
        raise Http404
    follow_up.child = child
    follow_up.appointment.child = child
    record_event(
        actor=actor,
        verb=Verb.VIEW_COMPLIANCE,
        child=child,
        object_type="follow_up",
        object_id=follow_up.pk,
        detail={"page": page},
    )
    return follow_up


def live_decision(follow_up: FollowUp) -> EnforcementDecision | None:
    """The decision waiting for sign-off or in force (prefetched), if any."""
    return next((d for d in follow_up.decisions.all() if d.state != DecisionState.NOT_AGREED), None)


def get_decision(
    actor: Actor, child_id: int, decision_id: int, *, page: str
) -> EnforcementDecision:
    child = child_for(actor, child_id, page=page)
    decision = (
        decisions_of(child).filter(pk=decision_id).select_related("order", "child__service").first()
    )
    if decision is None:
        raise Http404
    decision.child = child
    record_event(
        actor=actor,
        verb=Verb.VIEW_COMPLIANCE,
        child=child,
        object_type="enforcement_decision",
        object_id=decision.pk,
        detail={"page": page},
    )
    return decision


def follow_ups_due(actor: Actor) -> list[FollowUp]:
    """Open follow-ups assigned to the person, soonest due first; each child shown is
    audited (one insert)."""
    follow_ups = list(
        FollowUp.objects.filter(
            assigned_to=actor.user,
            completed_at__isnull=True,
            child__service_id__in=actor.service_ids_with(access.CHILD_RECORD_EDITORS),
        )
        .select_related("child", "appointment")
        .order_by("due_on", "pk")[:20]
    )
    record_children_shown(
        actor=actor,
        children={f.child_id: f.child for f in follow_ups}.values(),
        context="home:follow-ups",
    )
    return follow_ups


def awaiting_sign_off(actor: Actor) -> list[EnforcementDecision]:
    """Warnings and breach proceedings waiting for a team manager of the person's services."""
    services = [
        m.service_id
        for m in actor.memberships
        if access.can_sign_off_enforcement_in(actor, m.service_id)
    ]
    decisions = list(
        EnforcementDecision.objects.filter(
            state=DecisionState.AWAITING_SIGN_OFF, child__service_id__in=services
        )
        .select_related("child", "decided_by", "follow_up__appointment")
        .order_by("decided_at", "pk")[:20]
    )
    record_children_shown(
        actor=actor,
        children={d.child_id: d.child for d in decisions}.values(),
        context="home:sign-off",
    )
    return decisions


def activity(child: Child) -> list[ActivityItem]:
    """Follow-ups, consultations, enforcement decisions and warning letters (three queries)."""
    items: list[ActivityItem] = []
    for follow_up in _follow_ups(child):
        items.append(
            ActivityItem(
                when=follow_up.created_at,
                kind=_("Follow-up"),
                title=_("Follow-up of a missed appointment"),
                link=reverse("compliance:follow-up", args=[child.pk, follow_up.pk]),
                detail=follow_up.reason_given,
            )
        )
    for consultation in PsychologistConsultation.objects.filter(follow_up__child=child):
        items.append(
            ActivityItem(
                when=consultation.recorded_at,
                kind=_("Consultation"),
                title=_("Consultation with the psychologist"),
                link=reverse("compliance:follow-up", args=[child.pk, consultation.follow_up_id]),
                detail=consultation.advice,
            )
        )
    for decision in EnforcementDecision.objects.filter(child=child):
        link = reverse("compliance:follow-up", args=[child.pk, decision.follow_up_id])
        items.append(
            ActivityItem(
                when=decision.decided_at,
                kind=_("Enforcement decision"),
                title=f"{decision.get_kind_display()} ({decision.get_state_display()})",
                link=link,
            )
        )
        if decision.kind == DecisionKind.WARNING and decision.in_force:
            items.append(
                ActivityItem(
                    when=decision.signed_off_at or decision.decided_at,
                    kind=_("Document"),
                    title=_("Warning letter"),
                    link=reverse("compliance:warning-letter", args=[child.pk, decision.pk]),
                )
            )
    return items


def open_follow_ups(child: Child) -> list[FollowUp]:
    return list(
        FollowUp.objects.filter(child=child, completed_at__isnull=True)
        .select_related("appointment")
        .order_by("due_on", "pk")
    )
