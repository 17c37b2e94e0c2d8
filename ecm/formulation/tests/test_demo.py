"""The formulation demo: an approved revision whose victim empathy recommendation sits
above the child's tier with a rationale, its replaced first version, a draft and a
submitted version waiting for sign-off."""

from __future__ import annotations

import pytest
from django.utils import translation

from ecm.consent import demo as consent_demo
from ecm.demo import data
from ecm.demo.management.commands.load_demo_data import Command
from ecm.formulation import demo
from ecm.formulation.models import FormulationReport, ReportStatus
from ecm.formulation.queries import recommendations_of
from ecm.meetings import demo as meetings_demo
from ecm.organisations.models import Service


@pytest.mark.django_db
def test_demo_reports_make_the_done_when_possible() -> None:
    demo_service = data.SERVICES[0]
    Command()._load_service(demo_service)
    service = Service.objects.get(code=demo_service.code)
    consent_demo.load_demo(service, demo_service.number)
    meetings_demo.load_demo(service, demo_service.number)
    assert demo.load_demo(service, demo_service.number) > 10
    assert demo.load_demo(service, demo_service.number) == 0
    revision = FormulationReport.objects.get(child__service=service, version=2)
    assert revision.status == ReportStatus.APPROVED
    assert revision.previous is not None
    assert revision.previous.status == ReportStatus.SUPERSEDED
    with translation.override("en"):
        rows = recommendations_of(revision)
    warned = [row for row in rows if row.warnings]
    assert warned
    assert all(row.recommendation.rationale for row in warned)
    assert any(
        "Victim empathy needs tier 4; this child is at tier 1" in row.warnings for row in warned
    )
    assert FormulationReport.objects.filter(
        child__service=service, status=ReportStatus.DRAFT
    ).exists()
    assert FormulationReport.objects.filter(
        child__service=service, status=ReportStatus.SUBMITTED, submitted_at__isnull=False
    ).exists()
