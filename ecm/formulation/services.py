"""Writes for formulation reports: permission checked, one transaction, audited.

Only drafts change, and only while nobody else saved them since the form was opened
(`edit_version`, decision 0007): every save is `UPDATE … WHERE edit_version = … AND
status = 'draft'`, so an approval that lands in between wins and the edit is refused
with a clear message. Audit details hold ids, numbers and field names, never what
was written.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.accounts.models import User
from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.conflicts import EditConflict
from ecm.episodes.models import ENDED_STAGES, Episode
from ecm.formulation import sequencing
from ecm.formulation.models import (
    SECTION_FIELDS,
    Approval,
    FormulationReport,
    Recommendation,
    ReportStatus,
)
from ecm.formulation.queries import recommendations_of, sequencing_context
from ecm.meetings.models import FormulationMeeting
from ecm.organisations.models import Role
from ecm.reminders.services import remind
from ecm.trm.queries import current_tier

COPIED_FIELDS = (*SECTION_FIELDS, "clinical_notes", "shared_sections", "tier_id", "episode_id")
RECOMMENDATION_FIELDS = (
    "what",
    "why",
    "intervention",
    "tier",
    "delivered_by_agency",
    "delivered_by_name",
    "owner",
    "starts_on",
    "review_on",
    "success_measure",
    "shared_with_partners",
    "rationale",
)


class ReportConflict(EditConflict[FormulationReport]):
    """Someone else saved the draft after this form was opened."""


class NotEditable(Exception):
    """The version is no longer a draft (submitted, approved or replaced)."""


class NotReady(Exception):
    """The version cannot be submitted or approved yet; `problems` says why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class RationaleRequired(Exception):
    """A recommendation the sequencing check warns about needs a clinical rationale."""

    def __init__(self, warnings: list[str]) -> None:
        super().__init__("; ".join(warnings))
        self.warnings = warnings


def _require_author(actor: Actor, child: Child) -> None:
    if not access.can_write_formulation_in(actor, child.service_id):
        raise PermissionDenied


def _event(actor: Actor, verb: Verb, report: FormulationReport, **detail: Any) -> None:
    record_event(
        actor=actor,
        verb=verb,
        child=report.child,
        object_type="formulation_report",
        object_id=report.pk,
        detail={"version": report.version, **detail},
    )


def start_report(
    *, actor: Actor, child: Child, meeting: FormulationMeeting | None = None
) -> FormulationReport:
    """The child's first version, as a draft (or the one already started)."""
    _require_author(actor, child)
    if meeting is not None and meeting.child_id != child.pk:
        raise PermissionDenied
    with transaction.atomic():
        Child.objects.select_for_update().filter(pk=child.pk).first()
        existing = FormulationReport.objects.filter(child=child).order_by("-version").first()
        if existing is not None:
            return existing
        tier = current_tier(child)
        episode = Episode.objects.filter(child=child).exclude(stage__in=ENDED_STAGES).first()
        report = FormulationReport.objects.create(
            child=child,
            episode=episode,
            meeting=meeting,
            author=actor.user,
            tier=tier.tier if tier else None,
            shared_sections=["reason_for_referral", "strengths", "developmental_profile"],
        )
        report.child = child
        _event(actor, Verb.START_FORMULATION, report)
    return report


def revise(*, actor: Actor, report: FormulationReport) -> FormulationReport:
    """A new draft version copying the approved one, its picked events and its
    recommendations (or the revision already started)."""
    child = report.child
    _require_author(actor, child)
    with transaction.atomic():
        Child.objects.select_for_update().filter(pk=child.pk).first()
        newest = FormulationReport.objects.filter(child=child).order_by("-version").first()
        assert newest is not None
        if newest.pk != report.pk:
            return newest
        if report.status != ReportStatus.APPROVED:
            raise NotEditable
        copy = FormulationReport.objects.create(
            child=child,
            meeting=report.meeting,
            version=report.version + 1,
            previous=report,
            author=actor.user,
            **{name: getattr(report, name) for name in COPIED_FIELDS},
        )
        copy.background_events.set(report.background_events.all())
        Recommendation.objects.bulk_create(
            Recommendation(
                report=copy,
                number=item.number,
                **{
                    f"{name}_id" if name in _FK else name: _value(item, name)
                    for name in RECOMMENDATION_FIELDS
                },
            )
            for item in report.recommendations.all()
        )
        copy.child = child
        _event(actor, Verb.START_FORMULATION, copy, revises=report.pk)
    return copy


_FK = {"intervention", "tier", "delivered_by_agency", "owner"}


def _value(item: Recommendation, name: str) -> Any:
    return getattr(item, f"{name}_id") if name in _FK else getattr(item, name)


def _bump(report: FormulationReport, expected_version: int, **changes: Any) -> None:
    """The conditional save of a draft; raises NotEditable or ReportConflict."""
    updated = FormulationReport.objects.filter(
        pk=report.pk, edit_version=expected_version, status=ReportStatus.DRAFT
    ).update(**changes, edit_version=F("edit_version") + 1)
    if updated:
        report.edit_version = expected_version + 1
        return
    current = FormulationReport.objects.select_related("tier").get(pk=report.pk)
    if current.status != ReportStatus.DRAFT:
        raise NotEditable
    raise ReportConflict(current)


def update_sections(
    *,
    actor: Actor,
    report: FormulationReport,
    changes: dict[str, Any],
    events: list[Any],
    expected_version: int,
) -> None:
    _require_author(actor, report.child)
    with transaction.atomic():
        _bump(report, expected_version, **changes)
        report.background_events.set(events)
        for name, value in changes.items():
            setattr(report, name, value)
        _event(actor, Verb.UPDATE_FORMULATION, report, fields=sorted(changes))


def record_conflict(actor: Actor, report: FormulationReport, expected: int, current: int) -> None:
    record_event(
        actor=actor,
        verb=Verb.EDIT_CONFLICT,
        child=report.child,
        object_type="formulation_report",
        object_id=report.pk,
        detail={"expected_version": expected, "current_version": current},
    )


def save_recommendation(
    *,
    actor: Actor,
    report: FormulationReport,
    recommendation: Recommendation | None,
    values: dict[str, Any],
    position: int | None,
    expected_version: int,
) -> Recommendation:
    """Adds or changes a recommendation of a draft, at `position` in the order
    (the end when None). Refused without an owner, and without a rationale when the
    sequencing check warns."""
    _require_author(actor, report.child)
    if values.get("owner") is None:
        raise NotReady([_("Choose who owns the recommendation")])
    item = recommendation or Recommendation(report=report, number=0)
    for name, value in values.items():
        setattr(item, name, value)
    context = sequencing_context(report)
    found = sequencing.warnings(item, context.tier_number, context.mapped)
    if found and not str(values.get("rationale", "")).strip():
        raise RationaleRequired(found)
    with transaction.atomic():
        _bump(report, expected_version)
        others = list(
            Recommendation.objects.filter(report=report)
            .exclude(pk=item.pk)
            .order_by("number", "pk")
        )
        if position is None or position > len(others) + 1:
            position = len(others) + 1
        item.number = position
        item.save()
        number = 1
        for other in others:
            if number == position:
                number += 1
            if other.number != number:
                Recommendation.objects.filter(pk=other.pk).update(number=number)
            number += 1
        _event(
            actor,
            Verb.RECORD_RECOMMENDATION,
            report,
            recommendation=item.pk,
            number=item.number,
            warnings=len(found),
        )
    return item


def problems(report: FormulationReport) -> list[str]:
    """What stops this version being submitted or approved (empty when ready)."""
    rows = recommendations_of(report)
    found: list[str] = []
    if not rows:
        found.append(_("Add at least one recommendation"))
    for row in rows:
        item = row.recommendation
        if item.owner_id is None:
            found.append(
                _("Recommendation %(number)s has no owner: choose who owns it")
                % {"number": item.number}
            )
        if row.needs_rationale:
            found.append(
                _("Recommendation %(number)s needs a clinical rationale: %(warning)s")
                % {"number": item.number, "warning": "; ".join(row.warnings)}
            )
    return found


def submit(*, actor: Actor, report: FormulationReport) -> None:
    _require_author(actor, report.child)
    with transaction.atomic():
        locked = FormulationReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.DRAFT:
            raise NotEditable
        found = problems(report)
        if found:
            raise NotReady(found)
        now = timezone.now()
        FormulationReport.objects.filter(pk=report.pk).update(
            status=ReportStatus.SUBMITTED, submitted_at=now, edit_version=F("edit_version") + 1
        )
        report.status, report.submitted_at = ReportStatus.SUBMITTED, now
        _event(actor, Verb.SUBMIT_FORMULATION, report)
        transaction.on_commit(lambda: _ask_for_sign_off(report, author=actor.user))


def _ask_for_sign_off(report: FormulationReport, *, author: User) -> None:
    """The other psychologists of the child's service hear that a report waits for
    their signature (on their home page and by e-mail: a link only)."""
    psychologists = User.objects.filter(
        memberships__service_id=report.child.service_id,
        memberships__role=Role.PSYCHOLOGIST,
        memberships__is_active=True,
        is_active=True,
    ).exclude(pk=author.pk)
    link = reverse("formulation:detail", args=[report.child_id, report.pk])
    for psychologist in psychologists.distinct():
        remind(
            user=psychologist,
            subject="A formulation report is waiting for sign-off",
            link=link,
            key=f"formulation-sign-off:{report.pk}:{report.version}",
        )


def return_to_draft(*, actor: Actor, report: FormulationReport) -> None:
    """A submitted version goes back to its author for changes (signatures dropped)."""
    if not access.can_approve_formulation_in(actor, report.child.service_id):
        raise PermissionDenied
    with transaction.atomic():
        updated = FormulationReport.objects.filter(
            pk=report.pk, status=ReportStatus.SUBMITTED
        ).update(status=ReportStatus.DRAFT, submitted_at=None, edit_version=F("edit_version") + 1)
        if not updated:
            raise NotEditable
        Approval.objects.filter(report=report).delete()
        report.status = ReportStatus.DRAFT
        _event(actor, Verb.SUBMIT_FORMULATION, report, returned=True)


def _complete(report: FormulationReport, signers: set[int]) -> bool:
    if not report.child.service.requires_second_signature:
        return bool(signers)
    return bool(signers - {report.author_id})


def approve(*, actor: Actor, report: FormulationReport) -> bool:
    """Signs a submitted version. Returns True when it is now approved; False when it
    waits for a second psychologist's signature (the service asks for one and only
    the author has signed). The version it revises, if approved, is replaced."""
    if not access.can_approve_formulation_in(actor, report.child.service_id):
        raise PermissionDenied
    with transaction.atomic():
        locked = FormulationReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.SUBMITTED:
            raise NotEditable
        found = problems(report)
        if found:
            raise NotReady(found)
        Approval.objects.get_or_create(report=report, approver=actor.user)
        signers = set(Approval.objects.filter(report=report).values_list("approver_id", flat=True))
        done = _complete(report, signers)
        if done:
            now = timezone.now()
            FormulationReport.objects.filter(
                child=report.child, status=ReportStatus.APPROVED
            ).update(status=ReportStatus.SUPERSEDED)
            FormulationReport.objects.filter(pk=report.pk).update(
                status=ReportStatus.APPROVED, approved_at=now, edit_version=F("edit_version") + 1
            )
            report.status, report.approved_at = ReportStatus.APPROVED, now
        _event(actor, Verb.APPROVE_FORMULATION, report, complete=done, signatures=len(signers))
    return done


def remove_recommendation(
    *,
    actor: Actor,
    report: FormulationReport,
    recommendation: Recommendation,
    expected_version: int,
) -> None:
    _require_author(actor, report.child)
    with transaction.atomic():
        _bump(report, expected_version)
        number = recommendation.number
        recommendation.delete()
        Recommendation.objects.filter(report=report, number__gt=number).update(
            number=F("number") - 1
        )
        _event(actor, Verb.RECORD_RECOMMENDATION, report, removed=number)


def next_number(report: FormulationReport) -> int:
    top = Recommendation.objects.filter(report=report).aggregate(top=Max("number"))["top"]
    return int(top or 0) + 1
