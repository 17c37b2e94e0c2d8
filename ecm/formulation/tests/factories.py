"""Small helpers for the formulation tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from ecm.children.models import Child
from ecm.conftest import World
from ecm.consent.tests.factories import consent
from ecm.formulation.models import FormulationReport, Recommendation, ReportStatus
from ecm.interventions.models import InterventionType
from ecm.trm.models import Tier, TierAssessment


def tier(number: int) -> Tier:
    return Tier.objects.get(number=number)


def assess(child: Child, number: int, days_ago: int = 30) -> TierAssessment:
    return TierAssessment.objects.create(
        child=child,
        tier=tier(number),
        assessed_on=timezone.localdate() - timedelta(days=days_ago),
        assessed_by=child.service.memberships.get(role="psychologist").user,
        evidence="Misses most appointments",
    )


def intervention(code: str) -> InterventionType:
    return InterventionType.objects.get(code=code, service__isnull=True)


def report(child: Child, **fields: Any) -> FormulationReport:
    author = fields.pop("author", None) or child.service.memberships.get(role="psychologist").user
    values: dict[str, Any] = {
        "reason_for_referral": "Referred by the court after a second offence",
        "strengths": "Loves football; kind to younger brother",
        "clinical_notes": "Possible attachment difficulties: not for sharing",
        "shared_sections": ["reason_for_referral", "strengths"],
    }
    values.update(fields)
    return FormulationReport.objects.create(child=child, author=author, **values)


def recommend(made: FormulationReport, number: int = 1, **fields: Any) -> Recommendation:
    values: dict[str, Any] = {
        "what": "Weekly appointments at the same time and place",
        "why": "Predictability first",
        "tier": tier(1),
        "owner": made.child.case_manager,
        "success_measure": "Comes to 3 in 4 appointments",
    }
    values.update(fields)
    return Recommendation.objects.create(report=made, number=number, **values)


def approved(world: World, n: int = 1, **fields: Any) -> FormulationReport:
    """An approved report of a child of service n whose sharing consent names agency n,
    with one shared and one unshared recommendation."""
    child = world.child(n)
    consent(child, "sharing", agencies=[world.agencies[n]])
    made = report(child, author=world.person("psychologist", n), **fields)
    recommend(made, 1, shared_with_partners=True)
    recommend(made, 2, what="Family sessions at home", tier=tier(2))
    made.status = ReportStatus.APPROVED
    made.approved_at = timezone.now()
    made.save()
    return made


def draft(world: World, n: int = 1) -> FormulationReport:
    child = world.child(n)
    made = report(child, author=world.person("psychologist", n))
    recommend(made, 1)
    return made
