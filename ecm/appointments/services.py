"""Booking appointments and recording outcomes: permission checked, one transaction,
audited. A missed appointment opens the follow-up of the non-attendance pathway
(ecm.compliance) in the same transaction."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from ecm.appointments.models import (
    FREQUENCY_DAYS,
    MISSED,
    Appointment,
    AppointmentSeries,
    Outcome,
)
from ecm.appointments.queries import outcome_due_on
from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.compliance import services as compliance
from ecm.core import access, conflicts
from ecm.core.access import Actor

APPOINTMENT_FIELDS = (
    "starts_at",
    "duration_minutes",
    "kind",
    "mode",
    "place",
    "attendees",
    "purpose",
)
OUTCOME_FIELDS = ("status", "against_purpose", "how_the_child_was", "notes", "next_steps")


class EditConflict(conflicts.EditConflict[Appointment]):
    """Someone else saved the appointment after this edit began."""


class OutcomeAlreadyRecorded(Exception):
    """The appointment has an outcome already (for example, the form was sent twice)."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("outcome already recorded")
        self.outcome = outcome


def _check_editor(actor: Actor, child: Child) -> None:
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied


def _values(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in APPOINTMENT_FIELDS}


def book_appointment(
    *, actor: Actor, child: Child, data: dict[str, Any], submission: uuid.UUID | None = None
) -> Appointment:
    """Books one appointment. The same form sent twice books it once."""
    _check_editor(actor, child)
    if submission is not None:
        existing = Appointment.objects.filter(submission=submission, child=child).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                child=child, created_by=actor.user, submission=submission, **_values(data)
            )
            record_event(
                actor=actor,
                verb=Verb.BOOK_APPOINTMENT,
                child=child,
                object_type="appointment",
                object_id=appointment.pk,
                detail={"kind": appointment.kind, "mode": appointment.mode},
            )
    except IntegrityError:
        if submission is None:
            raise
        return Appointment.objects.get(submission=submission, child=child)
    return appointment


def series_dates(first: datetime, until: date, frequency: str) -> list[datetime]:
    """Every start from `first` to `until` (both included), at the same local time."""
    local = timezone.localtime(first)
    step = timedelta(days=FREQUENCY_DAYS[frequency])
    starts, day = [], local.date()
    while day <= until:
        starts.append(timezone.make_aware(datetime.combine(day, local.time())))
        day += step
    return starts


def book_series(
    *,
    actor: Actor,
    child: Child,
    data: dict[str, Any],
    frequency: str,
    until: date,
    submission: uuid.UUID | None = None,
) -> AppointmentSeries:
    """Books a regular slot: one appointment for each date from the first to `until`."""
    _check_editor(actor, child)
    if submission is not None:
        existing = AppointmentSeries.objects.filter(submission=submission, child=child).first()
        if existing is not None:
            return existing
    values = _values(data)
    try:
        with transaction.atomic():
            series = AppointmentSeries.objects.create(
                child=child,
                frequency=frequency,
                first_starts_at=values["starts_at"],
                until=until,
                created_by=actor.user,
                submission=submission,
            )
            starts = series_dates(values["starts_at"], until, frequency)
            Appointment.objects.bulk_create(
                [
                    Appointment(
                        child=child,
                        series=series,
                        created_by=actor.user,
                        **{**values, "starts_at": start},
                    )
                    for start in starts
                ]
            )
            record_event(
                actor=actor,
                verb=Verb.BOOK_APPOINTMENT_SERIES,
                child=child,
                object_type="appointment_series",
                object_id=series.pk,
                detail={"frequency": frequency, "appointments": len(starts)},
            )
    except IntegrityError:
        if submission is None:
            raise
        return AppointmentSeries.objects.get(submission=submission, child=child)
    return series


def update_appointment(
    *, actor: Actor, appointment: Appointment, data: dict[str, Any], expected_version: int
) -> Appointment:
    """Saves the changes only if nobody else saved the appointment since `expected_version`."""
    child = appointment.child
    _check_editor(actor, child)
    conflicts.save_if_unchanged(
        appointment,
        actor=actor,
        child=child,
        changes=_values(data),
        expected_version=expected_version,
        verb=Verb.UPDATE_APPOINTMENT,
        object_type="appointment",
        saved=Appointment.objects.all(),
        conflict=EditConflict,
    )
    return Appointment.objects.get(pk=appointment.pk)


def record_outcome(*, actor: Actor, appointment: Appointment, data: dict[str, Any]) -> Outcome:
    """Records what happened. The database holds one outcome per appointment, so a second
    (the same form sent twice, or two people at once) raises OutcomeAlreadyRecorded with
    the first. A missed appointment opens a follow-up in the same transaction."""
    child = appointment.child
    _check_editor(actor, child)
    now = timezone.now()
    values = {k: v for k, v in data.items() if k in OUTCOME_FIELDS}
    try:
        with transaction.atomic():
            outcome = Outcome.objects.create(
                appointment=appointment,
                recorded_by=actor.user,
                recorded_at=now,
                late=timezone.localdate(now) > outcome_due_on(appointment),
                **values,
            )
            record_event(
                actor=actor,
                verb=Verb.RECORD_OUTCOME,
                child=child,
                object_type="appointment",
                object_id=appointment.pk,
                detail={"status": outcome.status, "late": outcome.late},
            )
            if outcome.status in MISSED:
                compliance.open_follow_up(actor=actor, appointment=appointment)
    except IntegrityError as error:
        existing = Outcome.objects.filter(appointment=appointment).first()
        if existing is None:
            raise
        raise OutcomeAlreadyRecorded(existing) from error
    return outcome
