"""Reads of appointments: the child's appointments page, one appointment, the case
manager's outcomes to record, the usual slot and the consistency figures, and the
child's activity entries. Page reads take the Actor, answer 404 outside the person's
scope (recording the refusal) and are audited; the plain functions take a child the
caller has already been allowed to see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.appointments.models import ATTENDED, MISSED, Appointment, Status
from ecm.audit.models import Verb
from ecm.audit.services import record_children_shown, record_event
from ecm.children.models import Child
from ecm.children.queries import child_for_page
from ecm.compliance.bank_holidays import add_working_days
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import ActivityItem
from ecm.trm.queries import current_tier

# Appointments that took place (the child came or was expected and did not come).
HELD = ATTENDED | MISSED
# The statuses that say whether the child came.
ATTENDANCE_COUNTED = ATTENDED | MISSED | {Status.CANCELLED_BY_CHILD}
# The Trauma Recovery Model tier where the regular appointment is itself the intervention.
ROUTINE_TIER = 1


def consistency_weeks() -> int:
    return int(getattr(settings, "ECM_CONSISTENCY_WEEKS", 12))


def child_for(actor: Actor, child_id: int, *, page: str) -> Child:
    """The child, for staff who read records in the child's service; 404 (recorded) otherwise."""
    return child_for_page(actor, child_id, page=page, refusal=f"appointments: {page}")


def outcome_due_on(appointment: Appointment) -> date:
    """An outcome is due by the end of the working day after the appointment."""
    return add_working_days(timezone.localtime(appointment.starts_at).date(), 1)


@dataclass(frozen=True)
class Slot:
    """The child's usual time and place."""

    weekday: int
    time: str
    mode: str
    place: str
    mode_label: str
    # The next appointment in this slot (its date names the weekday in the page's language).
    example: datetime
    from_series: bool
    key: tuple[int, str, str, str]


@dataclass(frozen=True)
class Consistency:
    """How consistent the child's appointments have been over the last `weeks` weeks."""

    weeks: int
    slot: Slot | None
    planned: int
    held_at_usual: int
    attendance_counted: int
    attended: int
    without_outcome: int
    at_routine_tier: bool

    @staticmethod
    def _share(part: int, whole: int) -> int | None:
        return round(100 * part / whole) if whole else None

    @property
    def usual_share(self) -> int | None:
        return self._share(self.held_at_usual, self.planned)

    @property
    def attended_share(self) -> int | None:
        return self._share(self.attended, self.attendance_counted)


def _window(child: Child, now: datetime) -> list[Appointment]:
    """The last weeks' appointments and the next eight weeks', with outcomes (one query)."""
    return list(
        Appointment.objects.filter(
            child=child,
            starts_at__gte=now - timedelta(weeks=consistency_weeks()),
            starts_at__lt=now + timedelta(weeks=8),
        )
        .select_related("outcome")
        .order_by("starts_at", "pk")
    )


def _outcome_status(appointment: Appointment) -> str | None:
    outcome = getattr(appointment, "outcome", None)
    return None if outcome is None else str(outcome.status)


def usual_slot(appointments: list[Appointment], now: datetime) -> Slot | None:
    """The slot of the next appointment booked in a series; otherwise the slot most of
    the recent appointments shared (at least two)."""
    labels = dict(Appointment._meta.get_field("mode").choices or [])
    upcoming = [a for a in appointments if a.starts_at >= now and a.series_id is not None]
    if upcoming:
        chosen, from_series = upcoming[0], True
    else:
        past = [a for a in appointments if a.starts_at < now]
        counts = Counter(a.slot() for a in past)
        if not counts or counts.most_common(1)[0][1] < 2:
            return None
        best = max(counts.values())
        chosen = next(a for a in reversed(past) if counts[a.slot()] == best)
        from_series = False
    weekday, time, mode, _place = chosen.slot()
    return Slot(
        weekday=weekday,
        time=time,
        mode=mode,
        place=chosen.place,
        mode_label=str(labels.get(mode, mode)),
        example=timezone.localtime(chosen.starts_at),
        from_series=from_series,
        key=chosen.slot(),
    )


def consistency(child: Child, now: datetime | None = None) -> Consistency:
    """The figures for the child's page (two queries: the appointments, the tier)."""
    now = now or timezone.now()
    appointments = _window(child, now)
    slot = usual_slot(appointments, now)
    past = [a for a in appointments if a.ends_at <= now]
    statuses = [(a, _outcome_status(a)) for a in past]
    # A rescheduled appointment counts once, as its new time; one without an outcome
    # is not known yet.
    planned = [(a, s) for a, s in statuses if s is not None and s != Status.RESCHEDULED]
    tier = current_tier(child)
    return Consistency(
        weeks=consistency_weeks(),
        slot=slot,
        planned=len(planned),
        held_at_usual=sum(
            1 for a, s in planned if s in HELD and slot is not None and a.slot() == slot.key
        ),
        attendance_counted=sum(1 for _a, s in statuses if s in ATTENDANCE_COUNTED),
        attended=sum(1 for _a, s in statuses if s in ATTENDED),
        without_outcome=sum(1 for _a, s in statuses if s is None),
        at_routine_tier=tier is not None and tier.tier.number == ROUTINE_TIER,
    )


def next_appointments(child: Child, limit: int = 3) -> list[Appointment]:
    return list(
        Appointment.objects.filter(child=child, starts_at__gte=timezone.now()).order_by(
            "starts_at", "pk"
        )[:limit]
    )


@dataclass(frozen=True)
class AppointmentsPage:
    child: Child
    upcoming: list[Appointment]
    past: list[Appointment]
    figures: Consistency


def appointments_page(actor: Actor, child_id: int) -> AppointmentsPage:
    """Everything on the child's appointments page, read with one audit event."""
    child = child_for(actor, child_id, page="appointments")
    now = timezone.now()
    appointments = list(
        Appointment.objects.filter(child=child)
        .select_related("outcome", "follow_up")
        .order_by("-starts_at", "-pk")
    )
    record_event(
        actor=actor,
        verb=Verb.VIEW_APPOINTMENTS,
        child=child,
        object_type="appointments",
        detail={"appointments": len(appointments)},
    )
    return AppointmentsPage(
        child=child,
        upcoming=sorted((a for a in appointments if a.starts_at >= now), key=lambda a: a.starts_at),
        past=[a for a in appointments if a.starts_at < now],
        figures=consistency(child, now),
    )


def get_appointment(actor: Actor, child_id: int, appointment_id: int, *, page: str) -> Appointment:
    """One of the child's appointments with its outcome, or 404."""
    child = child_for(actor, child_id, page=page)
    appointment = (
        Appointment.objects.filter(child=child, pk=appointment_id)
        .select_related("outcome__recorded_by", "created_by", "series", "follow_up")
        .first()
    )
    if appointment is None:
        raise Http404
    appointment.child = child
    record_event(
        actor=actor,
        verb=Verb.VIEW_APPOINTMENTS,
        child=child,
        object_type="appointment",
        object_id=appointment.pk,
        detail={"page": page},
    )
    return appointment


def _outcomes_to_record(actor: Actor, now: datetime) -> list[Appointment]:
    """Appointments that have ended without an outcome, for the children the person case
    manages or the appointments they booked (one query)."""
    mine = Q(child__case_manager=actor.user) | Q(created_by=actor.user)
    candidates = (
        Appointment.objects.filter(
            mine,
            child__service_id__in=actor.service_ids_with(access.CHILD_RECORD_EDITORS),
            starts_at__lte=now,
            outcome__isnull=True,
        )
        .select_related("child")
        .order_by("starts_at", "pk")
    )
    return [a for a in candidates if a.ends_at <= now]


def outcomes_to_record(actor: Actor, *, context: str = "outcomes-to-record") -> list[Appointment]:
    """The case manager's list; each child shown is audited (one insert)."""
    appointments = _outcomes_to_record(actor, timezone.now())
    shown = {a.child_id: a.child for a in appointments}
    record_children_shown(actor=actor, children=shown.values(), context=context)
    return appointments


def activity(child: Child) -> list[ActivityItem]:
    """The child's appointments for the activity list (one query)."""
    items = []
    appointments = Appointment.objects.filter(child=child).select_related("outcome")
    for appointment in appointments.order_by("-starts_at", "-pk"):
        outcome = getattr(appointment, "outcome", None)
        title = appointment.get_kind_display()
        if outcome is not None:
            title = _("%(kind)s: %(status)s") % {
                "kind": title,
                "status": outcome.get_status_display(),
            }
        items.append(
            ActivityItem(
                when=appointment.starts_at,
                kind=_("Appointment"),
                title=str(title),
                link=reverse("appointments:detail", args=[child.pk, appointment.pk]),
                detail=appointment.purpose,
            )
        )
    return items
