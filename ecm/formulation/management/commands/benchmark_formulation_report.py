"""Times the formulation report PDF for a full report and prints figures (target < 1 s).

A full report: every section written, 20 significant events picked for the
background out of 500 on the child's timeline, eight recommendations (two with
sequencing warnings and rationales), a tier history of six assessments, the voice
of the child and a carer, and a developmental mapping. Everything it creates is
rolled back; it writes no audit rows (it calls the documents directly).
"""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.development.models import DevelopmentalMapping, DomainEstimate
from ecm.formulation import documents
from ecm.formulation.docx import render_docx
from ecm.formulation.models import SECTION_FIELDS, FormulationReport, Recommendation
from ecm.formulation.queries import Reader
from ecm.interventions.models import InterventionType
from ecm.organisations.models import Membership, Service
from ecm.timeline.models import EventCategory, TimelineEvent
from ecm.trm.models import Tier, TierAssessment
from ecm.voice.models import VoiceRecord

PARAGRAPH = (
    "Grew up moving between three homes before the age of eight; the school describes a "
    "bright child who settles with one trusted adult and struggles when plans change. "
)


class Rollback(Exception):
    """Leaves the database as it was."""


class Command(BaseCommand):
    help = "Print the formulation report PDF time (p50/p95) for a full report."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--runs", type=int, default=10)
        parser.add_argument("--language", default="en")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic(), translation.override(options["language"]):
                report = self._generate()
                self._time(report, options["runs"])
                raise Rollback
        except Rollback:
            pass

    def _time(self, report: FormulationReport, runs: int) -> None:
        reader = Reader(clinical=True)
        documents.render_pdf(report, reader)  # warm up fonts and templates
        pdf_times, docx_times = [], []
        size = 0
        for _ in range(runs):
            started = time.perf_counter()
            size = len(documents.render_pdf(report, reader))
            pdf_times.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            render_docx(report, reader)
            docx_times.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            f"formulation report, full: PDF p50 {statistics.median(pdf_times):.0f} ms, "
            f"p95 {_p95(pdf_times):.0f} ms ({size // 1024} KB; target < 1000 ms); "
            f".docx p50 {statistics.median(docx_times):.0f} ms"
        )

    def _generate(self) -> FormulationReport:
        service = Service.objects.create(name="Report benchmark service", code="bench-report")
        staff = User.objects.create_user(username="bench-report-psych", full_name="Bench P")
        Membership.objects.create(user=staff, service=service, role="psychologist")
        born = date(2010, 4, 2)
        child = Child.objects.create(
            service=service,
            local_reference="BENCH-REPORT",
            legal_first_name="Bench",
            legal_last_name="Child",
            date_of_birth=born,
            gender="female",
            ethnicity="not_stated",
            language_preference="en",
            case_manager=staff,
        )
        categories = list(EventCategory.objects.filter(is_active=True))
        span = (timezone.localdate() - born).days
        events = TimelineEvent.objects.bulk_create(
            TimelineEvent(
                child=child,
                title=f"Event {n}: moved to a new school after a difficult term",
                description="Reported by the school; the family remembers it the same way.",
                category=categories[n % len(categories)],
                valence=("adverse", "positive", "neutral")[n % 3],
                precision="exact",
                starts_on=born + timedelta(days=span * n // 500),
                source_kind="family",
                certainty="confirmed",
                significant=n % 25 == 0,
                contributed_by=staff,
            )
            for n in range(500)
        )
        tiers = {t.number: t for t in Tier.objects.all()}
        for step, number in enumerate((1, 2, 1, 2, 3, 2)):
            TierAssessment.objects.create(
                child=child,
                tier=tiers[number],
                assessed_on=timezone.localdate() - timedelta(days=60 * (6 - step)),
                assessed_by=staff,
                evidence="Comes to most sessions",
            )
        VoiceRecord.objects.create(
            child=child,
            what_matters="My little brother and my dog",
            how="in_person",
            recorded_with=staff,
            recorded_by=staff,
            recorded_on=timezone.localdate(),
        )
        mapping = DevelopmentalMapping.objects.create(
            child=child, mapped_on=timezone.localdate(), recorded_by=staff
        )
        DomainEstimate.objects.create(
            mapping=mapping,
            domain="emotional",
            functioning_age_years=9,
            functioning_age_months=6,
            evidence="Observed at school",
            source="Psychologist",
        )
        report = FormulationReport.objects.create(
            child=child,
            author=staff,
            tier=tiers[2],
            clinical_notes=PARAGRAPH,
            **{name: PARAGRAPH * 4 for name in SECTION_FIELDS},
        )
        report.background_events.set([e for e in events if e.significant])
        types = list(InterventionType.objects.filter(service__isnull=True).order_by("pk"))
        for number in range(1, 9):
            kind = types[number % len(types)] if types else None
            Recommendation.objects.create(
                report=report,
                number=number,
                what=f"Recommendation {number}: weekly sessions at the same time and place",
                why=PARAGRAPH,
                intervention=kind,
                tier=kind.lowest_tier if kind else tiers[1],
                owner=staff,
                starts_on=timezone.localdate(),
                review_on=timezone.localdate() + timedelta(days=90),
                success_measure="Comes to three in four sessions",
                rationale="Asked for it; co-worked with the psychologist",
            )
        return report


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
