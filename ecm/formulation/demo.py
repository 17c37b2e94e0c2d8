"""Demo: formulation reports for the children whose formulation meetings were held
(ecm/meetings/demo.py). The first such child has version 1 (approved five months
ago, now replaced) and version 2 (a revision, approved last month) with a victim
empathy recommendation above the child's tier kept with a clinical rationale; the
others have one approved version; one more child has a draft being written, and
another a version submitted for sign-off. Partner-shared sections and recommendations are marked.
Each report follows the latest meeting held by the time it was submitted, and is signed
off on the day it was approved.

Deterministic and idempotent: a service whose children already have reports is left
as it is. Dates are relative to today.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.formulation.models import Approval, FormulationReport, Recommendation, ReportStatus
from ecm.interventions.models import InterventionType
from ecm.meetings.models import FormulationMeeting, MeetingStatus
from ecm.organisations.models import Service
from ecm.timeline.models import TimelineEvent
from ecm.trm.models import Tier
from ecm.trm.queries import current_tier

SECTIONS: dict[str, str] = {
    "reason_for_referral": "Referred by the youth offending panel after a second assault in "
    "six months, with a referral order of nine months.",
    "background": "Moved home five times before the age of ten; lived with Nain for two "
    "years after a time in foster care. The significant events are below.",
    "voice_summary": "They want people to stop talking over them and to keep seeing the same "
    "worker. Nain wants letters in Welsh and help with the school.",
    "predisposing": "Early neglect and loss of a parent; many moves; no one adult to rely on.",
    "precipitating": "The move to secondary school and the end of the placement with Nain.",
    "perpetuating": "Missed appointments when plans change; expects adults to give up.",
    "protective": "Nain; football on Saturdays; a teaching assistant they trust.",
    "strengths": "Funny, loyal, and kind to a younger brother. Good with their hands.",
    "developmental_profile": "Emotional and social development around 9 to 10 years; "
    "language a little below their age.",
    "tier_reasons": "Misses sessions when anything changes: predictability comes first.",
}
REVISED = {
    "strengths": "Funny, loyal, and kind to a younger brother. Good with their hands. Now "
    "helping to coach the under 10s on Saturdays.",
    "perpetuating": "Missed appointments when plans change, less often since the sessions "
    "moved to the same room every Tuesday.",
}
RECOMMENDATIONS = (
    ("routine", 1, "Weekly appointments at the same time and place", True, ""),
    (
        "key-worker",
        2,
        "Key-worker relationship: the same case manager throughout",
        True,
        "The relationship is built alongside the routine from the start; it is what keeps "
        "them coming.",
    ),
    (
        "victim-empathy",
        4,
        "Victim empathy work, co-worked with the psychologist",
        False,
        "They asked to understand how the person they hurt felt; short, structured sessions "
        "alongside the routine work, stopped if attendance drops.",
    ),
)


def _types() -> dict[str, InterventionType]:
    return {t.code: t for t in InterventionType.objects.filter(service__isnull=True)}


def _report(
    child: Child, author: User, version: int, status: str, when: Any, **extra: Any
) -> FormulationReport:
    # The meeting the report follows: the latest one held by the time it was submitted.
    held = FormulationMeeting.objects.filter(child=child, status=MeetingStatus.HELD)
    if when is not None:
        held = held.filter(starts_at__date__lte=timezone.localtime(when).date())
    meeting = held.order_by("-starts_at").first()
    latest = current_tier(child)
    return FormulationReport.objects.create(
        child=child,
        meeting=meeting,
        version=version,
        status=status,
        author=author,
        tier=latest.tier if latest else None,
        shared_sections=["reason_for_referral", "strengths", "developmental_profile"],
        submitted_at=when,
        approved_at=when if status in (ReportStatus.APPROVED, ReportStatus.SUPERSEDED) else None,
        clinical_notes="Consider a trauma-focused assessment once attendance is steady.",
        **{**SECTIONS, **extra},
    )


def _recommend(report: FormulationReport, owner: User | None) -> int:
    types, tiers = _types(), {t.number: t for t in Tier.objects.all()}
    today = timezone.localdate()
    created = 0
    for number, (code, tier, what, shared, rationale) in enumerate(RECOMMENDATIONS, start=1):
        kind = types.get(code)
        Recommendation.objects.create(
            report=report,
            number=number,
            what=what,
            why="So that the child knows what comes next and who will be there.",
            intervention=kind,
            tier=kind.lowest_tier if kind else tiers[tier],
            owner=owner,
            delivered_by_name=owner.full_name if owner else "",
            starts_on=today - timedelta(days=20) + timedelta(days=30 * (number - 1)),
            review_on=today + timedelta(days=70 + 30 * number),
            success_measure="Comes to three in four sessions; says what they will do next week.",
            shared_with_partners=shared,
            rationale=rationale or _fits(kind),
        )
        created += 1
    return created


def _fits(kind: InterventionType | None) -> str:
    if kind is None:
        return ""
    return "Started early on purpose: small, predictable steps agreed with the child."


def _sign_off(report: FormulationReport) -> None:
    approval = Approval.objects.create(report=report, approver=report.author)
    # Signed off when the report was approved, not when the demo was loaded.
    Approval.objects.filter(pk=approval.pk).update(approved_at=report.approved_at)


def add_approved_report(child: Child, author: User, approved_at: Any) -> int:
    """One approved report for a child whose formulation meeting was held, with its
    recommendations and sign-off (ecm.transitions.demo adds its young people this way)."""
    report = _report(child, author, 1, ReportStatus.APPROVED, approved_at)
    _sign_off(report)
    return 1 + _recommend(report, child.case_manager)


def load_demo(service: Service, number: int) -> int:
    if FormulationReport.objects.filter(child__service=service).exists():
        return 0
    author = User.objects.filter(username=f"psychologist-{number}").first()
    if author is None:
        return 0
    children = list(
        Child.objects.filter(
            service=service,
            formulation_meetings__status=MeetingStatus.HELD,
        )
        .distinct()
        .order_by("local_reference")
    )
    now = timezone.now()
    created = 0
    with transaction.atomic():
        for index, child in enumerate(children):
            events = list(
                TimelineEvent.objects.filter(child=child, significant=True).order_by("starts_on")[
                    :8
                ]
            )
            if index == 0:
                first = _report(child, author, 1, ReportStatus.SUPERSEDED, now - timedelta(150))
                second = _report(
                    child, author, 2, ReportStatus.APPROVED, now - timedelta(30), **REVISED
                )
                second.previous = first
                second.save(update_fields=["previous"])
                made = [first, second]
            else:
                made = [_report(child, author, 1, ReportStatus.APPROVED, now - timedelta(60))]
            for report in made:
                report.background_events.set(events)
                created += 1 + _recommend(report, child.case_manager)
                _sign_off(report)
        # One draft still being written, and one submitted two days ago that waits for
        # a psychologist's signature (on their home page).
        unreported = (
            Child.objects.filter(service=service, formulation_reports__isnull=True)
            .exclude(case_manager=None)
            .order_by("local_reference")
        )
        for waiting, status, when in zip(
            list(unreported[:2]),
            [ReportStatus.DRAFT, ReportStatus.SUBMITTED],
            [None, now - timedelta(days=2)],
            strict=False,
        ):
            report = _report(waiting, author, 1, status, when)
            created += 1 + _recommend(report, waiting.case_manager)
    return created
