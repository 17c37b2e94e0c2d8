"""Invented safeguarding concerns for the demo (see ecm.demo): one escalated to the team
manager with a referral waiting for its outcome, and one closed after a referral. (The
concern raised during voluntary engagement comes with that story, in ecm.transitions.demo.)

Deterministic and idempotent: nothing is added to a service that already has concerns.
Times are relative to the moment the demo is loaded, so the escalation is still due.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.organisations.models import AgencyKind, PartnerAgency, Service
from ecm.safeguarding.models import Concern, Referral


def load_demo(service: Service, number: int) -> int:
    if Concern.objects.filter(child__service=service).exists():
        return 0
    case_manager = User.objects.get(username=f"case-manager-{number}")
    manager = User.objects.get(username=f"team-manager-{number}")
    children = list(
        Child.objects.filter(service=service, case_manager=case_manager).order_by("local_reference")
    )
    if len(children) < 3:
        return 0
    social_care = PartnerAgency.objects.filter(service=service, kind=AgencyKind.SOCIAL_CARE).first()
    now = timezone.now()
    today = timezone.localdate()
    created = 0

    escalated = Concern.objects.create(
        child=children[1],
        what="Said an older man they met online has been buying them food and offering lifts. "
        "Would not give his name and became anxious when asked.",
        happened_on=today - timedelta(days=1),
        who_at_risk=["child"],
        at_risk_detail="Possible grooming for criminal or sexual exploitation.",
        immediate_action="Talked through keeping safe; told mum with the child's agreement; "
        "called the duty social worker.",
        raised_by=case_manager,
        status="escalated",
        escalated_by=case_manager,
        escalated_at=now - timedelta(hours=2),
        response_due_at=now + timedelta(hours=6),
        escalation_note="Please decide today whether we ask for a strategy discussion.",
    )
    Referral.objects.create(
        concern=escalated,
        agency=social_care,
        agency_name="" if social_care else "Children's services duty team",
        made_on=today,
        details="Duty social worker told by phone; written referral sent.",
        recorded_by=case_manager,
    )
    created += 2

    closed = Concern.objects.create(
        child=children[2],
        what="A younger sibling was left alone at home overnight while mum worked.",
        happened_on=today - timedelta(days=40),
        who_at_risk=["other_child"],
        at_risk_detail="Sibling aged 9.",
        immediate_action="Checked the sibling was safe with a neighbour; told the duty team.",
        raised_by=case_manager,
        status="closed",
        close_reason="agency_leads",
        close_note="Children's services now support the family with childcare.",
        closed_by=manager,
        closed_at=now - timedelta(days=20),
    )
    Referral.objects.create(
        concern=closed,
        agency=social_care,
        agency_name="" if social_care else "Children's services duty team",
        made_on=today - timedelta(days=40),
        outcome="Assessment done; family support plan agreed with mum.",
        outcome_on=today - timedelta(days=25),
        recorded_by=case_manager,
        outcome_recorded_by=case_manager,
    )
    created += 2

    return created
