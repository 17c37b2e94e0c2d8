from __future__ import annotations

import re
import uuid
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecm.appointments.models import (
    MISSED,
    Appointment,
    Frequency,
    Kind,
    Mode,
    Status,
)
from ecm.children.models import Child
from ecm.compliance.statutory import months_after
from ecm.core.forms import GovUKDateField

TIME_MESSAGE = _("Enter the start time in the 24-hour clock, like 16:00")
TIME_PATTERN = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)
PURPOSE_HINT = _(
    "What this appointment is for, so that its outcome can say what happened against it. "
    "For example, to keep the regular Tuesday slot and plan the week ahead."
)


def parse_time(value: str) -> time | None:
    """16:00, 16.00, 4pm, 4:30pm or 4 (a whole hour in the 24-hour clock)."""
    match = TIME_PATTERN.match(value.strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower().replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _text(
    label: Any, *, hint: Any = "", rows: int = 3, required: bool = False, **kwargs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=required,
        max_length=5000,
        **kwargs,
    )


class AppointmentForm(forms.Form):
    day = GovUKDateField(
        label=_("Date of the appointment"),
        help_text=_("For example, 27 3 2027"),
        error_messages={"required": _("Enter the date of the appointment")},
    )
    start_time = forms.CharField(
        label=_("Start time"),
        help_text=_("Use the 24-hour clock, for example 16:00"),
        max_length=20,
        error_messages={"required": _("Enter the start time"), "max_length": TIME_MESSAGE},
    )
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=5,
        max_value=480,
        initial=60,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter how long the appointment lasts, in minutes"),
            "invalid": _("Length must be a whole number of minutes, from 5 to 480"),
            "min_value": _("Length must be a whole number of minutes, from 5 to 480"),
            "max_value": _("Length must be a whole number of minutes, from 5 to 480"),
        },
    )
    kind = forms.ChoiceField(
        label=_("Type of appointment"),
        choices=[("", _("Select a type")), *Kind.choices],
        error_messages={"required": _("Select the type of appointment")},
    )
    mode = forms.ChoiceField(
        label=_("How you will meet"),
        choices=Mode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you will meet")},
    )
    place = forms.CharField(
        label=_("Place"),
        help_text=_(
            "For example, the youth centre on Stryd Fawr. For a call, optional: the number "
            "or the link to use."
        ),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Place must be 200 characters or fewer")},
    )
    attendees = _text(
        _("Who attends"),
        hint=_("Besides the child, for example their mum and the school's learning mentor"),
        rows=2,
    )
    purpose = _text(
        _("Purpose"),
        hint=PURPOSE_HINT,
        required=True,
        error_messages={"required": _("Enter the purpose of the appointment")},
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("submission", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.child = child

    def clean_start_time(self) -> time:
        value = parse_time(self.cleaned_data["start_time"])
        if value is None:
            raise forms.ValidationError(TIME_MESSAGE)
        return value

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        day: date | None = data.get("day")
        at: time | None = data.get("start_time")
        if day is not None and day < self.child.date_of_birth:
            self.add_error(
                "day",
                _("%(label)s must be on or after the child's date of birth")
                % {"label": self.fields["day"].label},
            )
        elif day is not None and at is not None:
            data["starts_at"] = timezone.make_aware(datetime.combine(day, at))
        if data.get("mode") == Mode.IN_PERSON and not (data.get("place") or "").strip():
            self.add_error("place", _("Enter where the appointment is"))
        return data

    @classmethod
    def initial_for(cls, appointment: Appointment) -> dict[str, Any]:
        local = timezone.localtime(appointment.starts_at)
        return {
            "day": local.date(),
            "start_time": local.strftime("%H:%M"),
            "duration_minutes": appointment.duration_minutes,
            "kind": appointment.kind,
            "mode": appointment.mode,
            "place": appointment.place,
            "attendees": appointment.attendees,
            "purpose": appointment.purpose,
            "version": appointment.version,
        }


class SeriesForm(AppointmentForm):
    """A regular slot: the first appointment, how often, and the last date."""

    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how often the appointments are")},
    )
    until = GovUKDateField(
        label=_("Date of the last appointment"),
        help_text=_("No more than a year from today. You can book the next series then."),
        error_messages={
            "required": _("Enter the date of the last appointment: a series needs an end")
        },
    )

    field_order = ["day", "start_time", "frequency", "until"]

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, child=child, **kwargs)
        self.fields["day"].label = _("Date of the first appointment")

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        today = timezone.localdate()
        first: date | None = data.get("day")
        until: date | None = data.get("until")
        if first is not None and first < today and "day" not in self.errors:
            self.add_error("day", _("Date of the first appointment must be today or in the future"))
        if until is not None:
            if until > months_after(today, 12):
                self.add_error(
                    "until",
                    _("Date of the last appointment must be no more than a year from today"),
                )
            elif first is not None and until < first:
                self.add_error(
                    "until",
                    _("Date of the last appointment must be on or after the first appointment"),
                )
        return data


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What happened"),
        choices=Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what happened")},
    )
    against_purpose = _text(
        _("What happened against the purpose"),
        hint=_("What was done towards the purpose, or why it could not be"),
        rows=4,
        required=True,
        error_messages={"required": _("Enter what happened against the purpose")},
    )
    how_the_child_was = _text(
        _("How the child was"), hint=_("For example, their mood, how they got on, what they said")
    )
    notes = _text(_("Notes"))
    next_steps = _text(_("Next steps"), rows=2)

    def __init__(self, *args: Any, appointment: Appointment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.appointment = appointment

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        status = data.get("status")
        cancelled = {Status.CANCELLED_BY_CHILD, Status.CANCELLED_BY_SERVICE, Status.RESCHEDULED}
        if status and status not in cancelled and self.appointment.starts_at > timezone.now():
            self.add_error(
                "status",
                _(
                    "The appointment has not started yet: you can record now only that it "
                    "was cancelled or rescheduled"
                ),
            )
        return data

    @property
    def opens_follow_up(self) -> bool:
        return self.cleaned_data.get("status") in MISSED
