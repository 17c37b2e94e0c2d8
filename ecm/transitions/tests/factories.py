"""Small helpers for the transitions tests: a child whose statutory order has ended
during an active ECM episode, with fresh consent, and plans."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.consent.models import ConsentRecord
from ecm.episodes.models import Episode, Stage, StageChange
from ecm.offending.models import Order
from ecm.organisations.models import PartnerAgency
from ecm.transitions.models import TransitionPlan, TransitionStep, VoluntaryEngagement


def case_manager(child: Child) -> User:
    assert child.case_manager is not None
    return child.case_manager


def episode(child: Child, stage: str = Stage.ACTIVE) -> Episode:
    now = timezone.now()
    made = Episode.objects.create(
        child=child,
        stage=stage,
        stage_since=now,
        referred_on=timezone.localdate() - timedelta(days=200),
        referred_by=case_manager(child),
        source="case_manager",
        reason="Several agencies are worried.",
    )
    StageChange.objects.create(episode=made, to_stage=stage, at=now, by=case_manager(child))
    return made


def ended_order(child: Child, ended: date | None = None, **fields: Any) -> Order:
    ended = ended or timezone.localdate() - timedelta(days=10)
    values: dict[str, Any] = {
        "order_type": "youth_rehabilitation_order",
        "start_date": ended - timedelta(days=365),
        "expected_end_date": ended,
        "end_date": ended,
        "recorded_by": case_manager(child),
    }
    values.update(fields)
    return Order.objects.create(child=child, **values)


def participation(child: Child, given_on: date | None = None) -> ConsentRecord:
    return ConsentRecord.objects.create(
        child=child,
        purpose="participation",
        method="signed_form",
        understanding_note="Said back in their own words what carrying on means.",
        language_explained="en",
        given_on=given_on or timezone.localdate() - timedelta(days=5),
        recorded_by=case_manager(child),
    )


def sharing_with(child: Child, agency: PartnerAgency) -> ConsentRecord:
    record = ConsentRecord.objects.create(
        child=child,
        purpose="sharing",
        method="signed_form",
        understanding_note="Knows what probation will read and why.",
        language_explained="en",
        given_on=timezone.localdate() - timedelta(days=3),
        recorded_by=case_manager(child),
    )
    record.agencies.set([agency])
    return record


def probation(child: Child) -> PartnerAgency:
    agency, _ = PartnerAgency.objects.get_or_create(
        service_id=child.service_id,
        name="Probation Service, West Wales",
        defaults={"kind": "probation"},
    )
    return agency


def engagement(child: Child, **fields: Any) -> VoluntaryEngagement:
    order = ended_order(child)
    values: dict[str, Any] = {
        "ended_order": order,
        "consent": participation(child),
        "started_on": timezone.localdate() - timedelta(days=5),
        "planned_end_on": timezone.localdate() + timedelta(days=120),
        "review_weeks": 6,
        "what_continues": "Wants to keep going to boxing with Aled.",
        "started_by": case_manager(child),
    }
    values.update(fields)
    return VoluntaryEngagement.objects.create(child=child, **values)


def plan(child: Child, **fields: Any) -> TransitionPlan:
    values: dict[str, Any] = {
        "views": "Worried about starting again with someone new.",
        "practitioner": "Rhian Probert",
        "office": "Aberteifi probation office",
        "transfer_on": timezone.localdate() + timedelta(days=60),
        "what_has_helped": "Seeing the same person at the same time each week.",
        "shared_summary": "Responds well to routine; needs warning of changes.",
        "plan_and_risks": "Keeps to the plan; risk of drifting back to old friends.",
        "communication": "Short sentences; check understanding.",
        "created_by": case_manager(child),
    }
    values.update(fields)
    return TransitionPlan.objects.create(child=child, **values)


def step(made: TransitionPlan, **fields: Any) -> TransitionStep:
    values: dict[str, Any] = {
        "description": "Joint appointment with the probation practitioner",
        "due_on": timezone.localdate() + timedelta(days=14),
        "recorded_by": made.created_by,
    }
    values.update(fields)
    return TransitionStep.objects.create(plan=made, **values)
