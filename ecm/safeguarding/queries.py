"""Reads of safeguarding concerns: scoped to the person (404 outside their scope) and
audited, list pages with one event per child shown."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Prefetch, Value, When
from django.http import Http404

from ecm.audit.models import Verb
from ecm.audit.services import record_children_shown, record_event
from ecm.children.models import Child
from ecm.children.queries import child_for_page, readable_children
from ecm.core import access
from ecm.core.access import Actor
from ecm.safeguarding.models import Concern, ConcernStatus, Referral

# Escalated concerns first, then open ones, then closed; newest first within each.
_STATUS_ORDER = Case(
    When(status=ConcernStatus.ESCALATED, then=Value(0)),
    When(status=ConcernStatus.OPEN, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def child_for(actor: Actor, child_id: int, *, page: str) -> Child:
    """The child, or 404 outside the person's scope; the read is audited."""
    return child_for_page(actor, child_id, page=page, verb=Verb.VIEW_CONCERNS)


def open_concerns(child: Child) -> list[Concern]:
    """The child's open concerns, escalated first (one query), for a child already read."""
    return list(
        Concern.objects.filter(child=child)
        .exclude(status=ConcernStatus.CLOSED)
        .select_related("raised_by")
        .order_by(_STATUS_ORDER, "-raised_at", "-pk")
    )


@dataclass(frozen=True)
class ConcernsPage:
    child: Child
    open: list[Concern]
    closed: list[Concern]


def concerns_page(actor: Actor, child_id: int) -> ConcernsPage:
    child = child_for(actor, child_id, page="concerns")
    concerns = list(
        Concern.objects.filter(child=child)
        .select_related("raised_by")
        .order_by(_STATUS_ORDER, "-raised_at", "-pk")
    )
    return ConcernsPage(
        child,
        [c for c in concerns if c.is_open],
        [c for c in concerns if not c.is_open],
    )


def get_concern(actor: Actor, child_id: int, concern_id: int) -> Concern:
    """One concern of the child, with its referrals, or 404; the read is audited."""
    concern = (
        Concern.objects.filter(
            pk=concern_id, child__in=readable_children(actor).filter(pk=child_id)
        )
        .select_related(
            "child__service",
            "child__case_manager",
            "child__team",
            "raised_by",
            "escalated_by",
            "responded_by",
            "closed_by",
        )
        .prefetch_related(
            Prefetch(
                "referrals",
                queryset=Referral.objects.select_related(
                    "agency", "recorded_by", "outcome_recorded_by"
                ),
            )
        )
        .first()
    )
    if concern is None:
        raise Http404
    record_event(
        actor=actor,
        verb=Verb.VIEW_CONCERNS,
        child=concern.child,
        object_type="concern",
        object_id=concern.pk,
    )
    return concern


def get_referral(actor: Actor, child_id: int, concern_id: int, referral_id: int) -> Referral:
    concern = get_concern(actor, child_id, concern_id)
    referral = next((r for r in concern.referrals.all() if r.pk == referral_id), None)
    if referral is None:
        raise Http404
    referral.concern = concern
    return referral


def managers_open_concerns(actor: Actor, limit: int = 50) -> list[Concern]:
    """Open concerns in the services where the person oversees caseloads, escalated and
    most urgent first; each child shown is audited."""
    service_ids = actor.service_ids_with(access.CASELOAD_OVERSEERS)
    if not service_ids:
        return []
    concerns = list(
        Concern.objects.filter(child__service_id__in=service_ids)
        .exclude(status=ConcernStatus.CLOSED)
        .select_related("child__team", "child__case_manager")
        .order_by(_STATUS_ORDER, F("response_due_at").asc(nulls_last=True), "-raised_at", "-pk")[
            :limit
        ]
    )
    record_children_shown(
        actor=actor, children=[c.child for c in concerns], context="safeguarding:open"
    )
    return concerns
