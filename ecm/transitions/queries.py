"""Voluntary engagement and transition plans: what other apps ask (plain functions, first)
and the reads behind the pages (scoped to the person, audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.audit.models import Verb
from ecm.audit.services import record_children_shown, record_event
from ecm.children.models import Child
from ecm.children.queries import child_for_page, readable_children
from ecm.consent.models import ConsentPurpose, ConsentRecord
from ecm.consent.queries import in_force_q, sharing_agency_ids
from ecm.core import access
from ecm.core.access import Actor
from ecm.episodes.models import ENDED_STAGES, Episode
from ecm.offending.models import STATUTORY_COURT_ORDERS, Order
from ecm.offending.queries import months_before
from ecm.organisations.models import AgencyKind, PartnerAgency
from ecm.transitions.models import (
    TransferReview,
    TransitionPlan,
    TransitionPrompt,
    TransitionStep,
    VoluntaryEngagement,
    VoluntaryReview,
)

# Before the move to adult probation, ECM can continue from these stages.
VOLUNTARY_FROM_STAGES = ("consent", "formulation", "active")


def _day(on: date | None) -> date:
    return on or timezone.localdate()


def ended_by(on: date) -> Q:
    """Orders that have ended by `on`: their end date, or else their expected end date."""
    return Q(end_date__lte=on) | Q(end_date__isnull=True, expected_end_date__lte=on)


def running_on(on: date, prefix: str = "") -> Q:
    """Orders started by `on` that have not ended by then (end date, else expected end)."""
    p = prefix
    return Q(**{f"{p}start_date__lte": on}) & (
        Q(**{f"{p}end_date__gte": on})
        | Q(**{f"{p}end_date__isnull": True, f"{p}expected_end_date__isnull": True})
        | Q(**{f"{p}end_date__isnull": True, f"{p}expected_end_date__gte": on})
    )


def _superseded(on: date) -> Exists:
    """A statutory order made since the engagement began is running on `on`: enforcement
    applies to that order again."""
    return Exists(
        Order.objects.filter(
            child_id=OuterRef("child_id"),
            order_type__in=STATUTORY_COURT_ORDERS,
            start_date__gte=OuterRef("started_on"),
        ).filter(running_on(on))
    )


def _open_engagements(child: Child, on: date) -> QuerySet[VoluntaryEngagement]:
    return VoluntaryEngagement.objects.filter(
        child=child, ended_on__isnull=True, started_on__lte=on
    )


def in_voluntary_engagement(child: Child, on: date | None = None) -> bool:
    """The child is in voluntary engagement after an order on `on` (today by default):
    enforcement and compliance counting stop (ecm.compliance asks this). One query."""
    day = _day(on)
    return _open_engagements(child, day).exclude(_superseded(day)).exists()


def current_engagement(child: Child, on: date | None = None) -> VoluntaryEngagement | None:
    """The open engagement, marked `superseded` when a newer statutory order runs, with
    the date of its `last_review` (one query)."""
    day = _day(on)
    return (
        _open_engagements(child, day)
        .annotate(superseded=_superseded(day), last_review=Max("reviews__reviewed_on"))
        .select_related("started_by")
        .first()
    )


def next_review_on(engagement: VoluntaryEngagement) -> date:
    last: date | None = getattr(engagement, "last_review", None)
    return (last or engagement.started_on) + timedelta(weeks=engagement.review_weeks)


def phase_label(child: Child, on: date | None = None) -> str | None:
    """A label for the phase the child's record is in, when it needs saying everywhere."""
    if in_voluntary_engagement(child, on):
        return _("Voluntary engagement")
    return None


def prompt_months() -> int:
    return int(settings.ECM_TRANSITION_PROMPT_MONTHS)


def prompt_age() -> dict[str, int]:
    """The age from which the record prompts for a plan, as years and months."""
    years, months = divmod(prompt_months(), 12)
    return {"years": years, "months": months}


def old_enough_for_transition(child: Child, on: date | None = None) -> bool:
    """From 17½ (ECM_TRANSITION_PROMPT_MONTHS), a young person's record prompts for a plan."""
    return child.date_of_birth <= months_before(_day(on), prompt_months())


def open_episode(child: Child) -> Episode | None:
    return Episode.objects.filter(child=child).exclude(stage__in=ENDED_STAGES).first()


def plan_of(child: Child) -> TransitionPlan | None:
    """The transition plan with its step counts and whether it was reviewed (one query)."""
    return (
        TransitionPlan.objects.filter(child=child)
        .select_related("probation_agency")
        .annotate(
            steps_total=Count("steps"),
            steps_done=Count("steps", filter=Q(steps__done_on__isnull=False)),
        )
        .first()
    )


def probation_agencies(child: Child) -> QuerySet[PartnerAgency]:
    return PartnerAgency.objects.filter(
        service_id=child.service_id, kind=AgencyKind.PROBATION
    ).order_by("name")


def probation_sharing_in_force(child: Child, on: date | None = None) -> bool:
    """A sharing consent in force names a probation partner agency (the handover pack
    needs it)."""
    named = sharing_agency_ids(child, on)
    return bool(named) and probation_agencies(child).filter(pk__in=named).exists()


def fresh_consent(child: Child, started_on: date, on: date | None = None) -> ConsentRecord | None:
    """The child's own consent to take part, in force and given on or after `started_on`."""
    return (
        ConsentRecord.objects.filter(
            child=child,
            person__isnull=True,
            purpose=ConsentPurpose.PARTICIPATION,
            given_on__gte=started_on,
        )
        .filter(in_force_q(_day(on)))
        .order_by("-given_on", "-pk")
        .first()
    )


def ended_statutory_orders(child: Child, on: date | None = None) -> list[Order]:
    return list(
        Order.objects.filter(child=child, order_type__in=STATUTORY_COURT_ORDERS)
        .filter(ended_by(_day(on)))
        .order_by("-start_date", "-pk")
    )


# Scoped, audited reads for the pages.


def child_for(actor: Actor, child_id: int, *, page: str) -> Child:
    return child_for_page(actor, child_id, page=page, verb=Verb.VIEW_TRANSITIONS)


@dataclass(frozen=True)
class TransitionsPage:
    child: Child
    current: VoluntaryEngagement | None
    engagements: list[VoluntaryEngagement]
    plan: TransitionPlan | None
    steps: list[TransitionStep]
    review: TransferReview | None
    episode: Episode | None
    old_enough: bool
    pack_allowed: bool
    today: date


def transitions_page(actor: Actor, child_id: int) -> TransitionsPage:
    child = child_for(actor, child_id, page="transitions")
    today = timezone.localdate()
    engagements = list(
        VoluntaryEngagement.objects.filter(child=child)
        .select_related("started_by", "ended_by", "ended_order", "consent")
        .prefetch_related(
            Prefetch("reviews", queryset=VoluntaryReview.objects.select_related("recorded_by"))
        )
    )
    plan = plan_of(child)
    steps = list(plan.steps.select_related("recorded_by")) if plan else []
    review = TransferReview.objects.filter(plan=plan).first() if plan else None
    return TransitionsPage(
        child=child,
        current=current_engagement(child, today),
        engagements=engagements,
        plan=plan,
        steps=steps,
        review=review,
        episode=open_episode(child),
        old_enough=old_enough_for_transition(child, today),
        pack_allowed=plan is not None and probation_sharing_in_force(child, today),
        today=today,
    )


def get_engagement(actor: Actor, child_id: int, engagement_id: int) -> VoluntaryEngagement:
    engagement = (
        VoluntaryEngagement.objects.filter(
            pk=engagement_id, child__in=readable_children(actor).filter(pk=child_id)
        )
        .select_related("child__service", "child__case_manager", "ended_order")
        .annotate(last_review=Max("reviews__reviewed_on"))
        .first()
    )
    if engagement is None:
        raise Http404
    record_event(
        actor=actor,
        verb=Verb.VIEW_TRANSITIONS,
        child=engagement.child,
        object_type="voluntary_engagement",
        object_id=engagement.pk,
    )
    return engagement


def get_plan(actor: Actor, child_id: int) -> TransitionPlan:
    plan = (
        TransitionPlan.objects.filter(child__in=readable_children(actor).filter(pk=child_id))
        .select_related("child__service", "child__case_manager", "probation_agency")
        .first()
    )
    if plan is None:
        raise Http404
    record_event(
        actor=actor,
        verb=Verb.VIEW_TRANSITIONS,
        child=plan.child,
        object_type="transition_plan",
        object_id=plan.pk,
    )
    return plan


def get_step(actor: Actor, child_id: int, step_id: int) -> TransitionStep:
    plan = get_plan(actor, child_id)
    step = TransitionStep.objects.filter(plan=plan, pk=step_id).first()
    if step is None:
        raise Http404
    step.plan = plan
    return step


# The home page: what needs doing for the children the person manages.


def _needing_plan(on: date) -> QuerySet[Child]:
    """Children from 17½ in an ECM episode, without a transition plan."""
    open_episodes = Episode.objects.filter(child_id=OuterRef("pk")).exclude(stage__in=ENDED_STAGES)
    return Child.objects.filter(
        date_of_birth__lte=months_before(on, prompt_months()), transition_plan__isnull=True
    ).filter(Exists(open_episodes))


def plans_needed(actor: Actor) -> list[Child]:
    """The person's own children who need a transition plan; each one shown is audited."""
    children = list(
        _needing_plan(timezone.localdate())
        .filter(
            case_manager=actor.user,
            service_id__in=actor.service_ids_with(access.CHILD_RECORD_EDITORS),
        )
        .order_by("date_of_birth", "pk")[:20]
    )
    record_children_shown(actor=actor, children=children, context="home:transition-plans")
    return children


def children_to_prompt(on: date | None = None) -> list[Child]:
    """Children who need a plan and whose case manager has not been e-mailed about it."""
    prompted = TransitionPrompt.objects.values("child_id")
    return list(
        _needing_plan(_day(on))
        .filter(case_manager__isnull=False, case_manager__is_active=True)
        .exclude(pk__in=prompted)
        .select_related("case_manager")
        .order_by("pk")
    )


def reviews_due(actor: Actor, within_days: int = 7) -> list[tuple[VoluntaryEngagement, date]]:
    """Open voluntary engagements of the person's children whose review is due within a
    week (or overdue), with the date it is due; each child shown is audited."""
    today = timezone.localdate()
    engagements = (
        VoluntaryEngagement.objects.filter(
            ended_on__isnull=True,
            child__case_manager=actor.user,
            child__service_id__in=actor.service_ids_with(access.CHILD_RECORD_EDITORS),
        )
        .select_related("child")
        .annotate(last_review=Max("reviews__reviewed_on"))
        .order_by("pk")
    )
    due: list[tuple[VoluntaryEngagement, date]] = [
        (e, next_review_on(e))
        for e in engagements
        if next_review_on(e) <= today + timedelta(days=within_days)
    ]
    due.sort(key=lambda pair: pair[1])
    record_children_shown(
        actor=actor,
        children=[engagement.child for engagement, _due in due],
        context="home:voluntary-reviews",
    )
    return due
