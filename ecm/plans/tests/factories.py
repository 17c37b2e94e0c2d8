"""An approved formulation report with recommendations, made directly (the
formulation app's own services are tested there)."""

from __future__ import annotations

from datetime import date

from ecm.children.models import Child
from ecm.formulation.models import FormulationReport, Recommendation
from ecm.interventions.models import InterventionType
from ecm.trm.models import Tier, TierAssessment

# (what, tier, intervention code)
ITEMS = (
    ("Same room every Tuesday at 4pm", 1, "routine"),
    ("Key-worker sessions to build trust", 2, "key-worker"),
    ("Victim empathy work", 4, "victim-empathy"),
)


def assess(child: Child, number: int, day: date) -> TierAssessment:
    assert child.case_manager is not None
    return TierAssessment.objects.create(
        child=child,
        tier=Tier.objects.get(number=number),
        assessed_on=day,
        assessed_by=child.case_manager,
        evidence="Seen at the meeting",
    )


def approved_report(child: Child, version: int = 1) -> FormulationReport:
    assert child.case_manager is not None
    report = FormulationReport.objects.create(
        child=child, version=version, status="approved", author=child.case_manager
    )
    for number, (what, tier, code) in enumerate(ITEMS, start=1):
        Recommendation.objects.create(
            report=report,
            number=number,
            what=what,
            why="Because it helps.",
            tier=Tier.objects.get(number=tier),
            intervention=InterventionType.objects.get(code=code, service__isnull=True),
            owner=child.case_manager,
            rationale="Planned early on purpose." if tier > 2 else "",
        )
    return report
