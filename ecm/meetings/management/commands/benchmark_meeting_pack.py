"""Times the meeting pack PDF for a child with 500 timeline events and prints figures.

Run through `make benchmark` (scripts/benchmark.sh), or on its own against any
database: everything it creates is rolled back at the end, and it writes no audit
rows (it calls the pack directly, not through the audited view).
"""

from __future__ import annotations

import statistics
import time
from datetime import date, datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.consent.models import RelatedPerson
from ecm.development.models import DevelopmentalMapping, DomainEstimate
from ecm.meetings import pack
from ecm.meetings.models import FormulationMeeting, Invitation
from ecm.meetings.queries import Reader
from ecm.needs.models import ChildNeed, NeedType
from ecm.offending.models import Order
from ecm.organisations.models import Membership, PartnerAgency, Service
from ecm.timeline.models import EventCategory, TimelineEvent
from ecm.voice.models import VoiceRecord


class Rollback(Exception):
    """Leaves the database as it was."""


class Command(BaseCommand):
    help = "Print the meeting pack PDF time (p50/p95) for a child with 500 timeline events."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--events", type=int, default=500)
        parser.add_argument("--runs", type=int, default=10)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic(), translation.override("en"):
                meeting, agency_id = self._generate(options["events"])
                for label, reader in (
                    ("psychologist (everything)", Reader(clinical=True)),
                    ("partner agency (limited)", Reader(agency_id=agency_id)),
                ):
                    self._time(label, meeting, reader, options["runs"])
                raise Rollback
        except Rollback:
            pass

    def _time(self, label: str, meeting: FormulationMeeting, reader: Reader, runs: int) -> None:
        pack.render_pdf(meeting, reader)  # warm up fonts and templates
        html_times, pdf_times, cpu_times = [], [], []
        size = 0
        for _ in range(runs):
            started = time.perf_counter()
            pack.render_html(meeting, reader)
            html_times.append((time.perf_counter() - started) * 1000)
            started, cpu = time.perf_counter(), time.process_time()
            size = len(pack.render_pdf(meeting, reader))
            pdf_times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu) * 1000)
        self.stdout.write(
            f"meeting pack, {label}: PDF p50 {statistics.median(pdf_times):.0f} ms, "
            f"p95 {_p95(pdf_times):.0f} ms (CPU p50 {statistics.median(cpu_times):.0f} ms, "
            f"{size // 1024} KB); context and HTML alone p50 "
            f"{statistics.median(html_times):.0f} ms"
        )

    def _generate(self, count: int) -> tuple[FormulationMeeting, int]:
        service = Service.objects.create(name="Pack benchmark service", code="bench-pack")
        agency = PartnerAgency.objects.create(
            service=service, name="Bench school", kind="education"
        )
        staff = User.objects.create_user(username="bench-pack-psychologist", full_name="Bench P")
        Membership.objects.create(user=staff, service=service, role="psychologist")
        born = date(2010, 4, 2)
        child = Child.objects.create(
            service=service,
            local_reference="BENCH-PACK",
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
        TimelineEvent.objects.bulk_create(
            TimelineEvent(
                child=child,
                title=f"Event {n}: moved to a new school after a difficult term",
                description="Reported by the school; the family remembers it the same way.",
                category=categories[n % len(categories)],
                valence=("adverse", "positive", "neutral")[n % 3],
                precision="exact",
                starts_on=born + timedelta(days=span * n // count),
                source_kind="agency" if n % 2 else "family",
                source_agency=agency if n % 2 else None,
                certainty="confirmed",
                visibility="clinical" if n % 10 == 0 else "everyone",
                significant=n % 7 == 0,
                contributed_by=staff,
            )
            for n in range(count)
        )
        carer = RelatedPerson.objects.create(
            child=child,
            full_name="Bench Carer",
            relationship="mother",
            language="en",
            recorded_by=staff,
        )
        for who in (None, carer):
            VoiceRecord.objects.create(
                child=child,
                person=who,
                what_matters="My little brother and my dog",
                what_helps="People who explain things slowly",
                what_does_not_help="Being shouted at",
                for_the_meeting="Please do not talk over me",
                who_i_trust="Nan",
                how="in_person",
                recorded_with=staff,
                recorded_by=staff,
                recorded_on=timezone.localdate(),
            )
        mapping = DevelopmentalMapping.objects.create(
            child=child, mapped_on=timezone.localdate(), recorded_by=staff
        )
        for domain, years in (
            ("emotional", 9),
            ("social", 10),
            ("cognitive", 12),
            ("communication", 8),
            ("physical", 15),
        ):
            DomainEstimate.objects.create(
                mapping=mapping,
                domain=domain,
                functioning_age_years=years,
                functioning_age_months=6,
                evidence="Observed at school and at home",
                source="Speech and language therapist",
            )
        for need_type in NeedType.objects.all()[:5]:
            ChildNeed.objects.create(
                child=child,
                need_type=need_type,
                evidence="From the assessment",
                recorded_by=staff,
            )
        Order.objects.create(
            child=child,
            order_type="referral_order",
            start_date=timezone.localdate() - timedelta(days=30),
            recorded_by=staff,
        )
        meeting = FormulationMeeting.objects.create(
            child=child,
            starts_at=timezone.make_aware(
                datetime.combine(timezone.localdate() + timedelta(days=7), datetime.min.time())
            ),
            place="Room 2",
            chair=staff,
            scheduled_by=staff,
        )
        Invitation.objects.create(meeting=meeting, agency=agency)
        return meeting, agency.pk


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
