"""Appointments with a child: booked one at a time or as a recurring series, each with
its purpose, and the outcome recorded afterwards (one per appointment)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child


class Kind(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one session")
    SUPERVISION = "supervision", _("Supervision appointment")
    HOME_VISIT = "home_visit", _("Home visit")
    PSYCHOLOGY = "psychology", _("Session with the psychologist")
    PANEL = "panel", _("Referral order panel")
    REPARATION = "reparation", _("Reparation")
    EDUCATION = "education", _("Education or training meeting")
    MULTI_AGENCY = "multi_agency", _("Multi-agency meeting")
    OTHER = "other", _("Other")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone call")
    VIDEO = "video", _("Video call")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")


FREQUENCY_DAYS: dict[str, int] = {Frequency.WEEKLY: 7, Frequency.FORTNIGHTLY: 14}


class AppointmentSeries(models.Model):
    """A regular slot, for example every Tuesday at 4pm at the youth centre. Booking it
    creates each appointment up to `until` (at most a year ahead)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="appointment_series")
    frequency = models.CharField(_("how often"), max_length=20, choices=Frequency.choices)
    first_starts_at = models.DateTimeField(_("first appointment"))
    until = models.DateField(_("last date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Makes a double-submitted form book one series.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-first_starts_at", "-pk"]
        verbose_name_plural = "appointment series"

    def __str__(self) -> str:
        return f"{self.child_id}: {self.frequency} from {self.first_starts_at:%Y-%m-%d}"


class Appointment(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="appointments")
    series = models.ForeignKey(
        AppointmentSeries,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=60)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    mode = models.CharField(_("how"), max_length=20, choices=Mode.choices)
    # Where it happens; for a phone or video call, optional (for example the number).
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendees = models.TextField(_("who attends"), blank=True)
    purpose = models.TextField(_("purpose"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: see services.update_appointment.
    version = models.PositiveIntegerField(default=1)
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["child", "starts_at"], name="appointment_child_start"),
            models.Index(fields=["starts_at"], name="appointment_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=5) & models.Q(duration_minutes__lte=480),
                name="appointment_length_5_to_480",
            ),
            models.CheckConstraint(
                condition=~models.Q(purpose=""), name="appointment_has_a_purpose"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child_id}: {self.kind} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    def slot(self) -> tuple[int, str, str, str]:
        """Weekday, local time, how and where: what "the same time and place" compares."""
        local = timezone.localtime(self.starts_at)
        return (local.weekday(), local.strftime("%H:%M"), self.mode, _normal(self.place))


def _normal(place: str) -> str:
    return " ".join(place.lower().split())


class Status(models.TextChoices):
    ATTENDED = "attended", _("Attended on time")
    LATE = "late", _("Attended late")
    DID_NOT_ATTEND = "did_not_attend", _("Did not attend")
    NOT_BROUGHT = "not_brought", _("Was not brought")
    CANCELLED_BY_CHILD = "cancelled_by_child", _("Cancelled by the child")
    CANCELLED_BY_SERVICE = "cancelled_by_service", _("Cancelled by the service")
    RESCHEDULED = "rescheduled", _("Rescheduled")


ATTENDED = frozenset({Status.ATTENDED, Status.LATE})
# A missed appointment starts the non-attendance pathway (ecm.compliance).
MISSED = frozenset({Status.DID_NOT_ATTEND, Status.NOT_BROUGHT})
# Whether the child came is not in question when the service cancelled or moved it.
NOT_COUNTED = frozenset({Status.CANCELLED_BY_SERVICE, Status.RESCHEDULED})


class Outcome(models.Model):
    """What happened at an appointment. One per appointment: the database refuses a
    second, so a form sent twice records one outcome."""

    appointment = models.OneToOneField(
        Appointment, on_delete=models.PROTECT, related_name="outcome"
    )
    status = models.CharField(_("what happened"), max_length=30, choices=Status.choices)
    against_purpose = models.TextField(_("what happened against the purpose"))
    how_the_child_was = models.TextField(_("how the child was"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    # Recorded after the end of the working day following the appointment.
    late = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(against_purpose=""), name="outcome_says_what_happened"
            )
        ]

    def __str__(self) -> str:
        return f"{self.appointment_id}: {self.status}"

    @property
    def attended(self) -> bool:
        return self.status in ATTENDED

    @property
    def missed(self) -> bool:
        return self.status in MISSED
