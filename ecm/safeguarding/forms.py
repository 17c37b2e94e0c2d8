from __future__ import annotations

import re
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.core.forms import GovUKDateField
from ecm.organisations.models import PartnerAgency
from ecm.safeguarding.models import AtRisk, CloseReason, Referral

TIME_PATTERN = re.compile(r"^(\d{1,2})[:.](\d{2})$")
ANOTHER_AGENCY = "another"


def parse_time(value: str) -> time | None:
    """A time of day as 14:30 (or 14.30); None when it is not one."""
    match = TIME_PATTERN.match(value.strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class TimeField(forms.Field):
    """A time of day typed as 14:30, with a message at the field when it is not one."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> time | None:
        text = str(value or "").strip()
        if not text:
            return None
        parsed = parse_time(text)
        if parsed is None:
            raise forms.ValidationError(
                _("%(label)s must be a real time of day, like 09:30 or 16:00")
                % {"label": self.label}
            )
        return parsed

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%H:%M}" if isinstance(value, time) else value


class ConcernForm(forms.Form):
    what = forms.CharField(
        label=_("What happened, or what are you worried about?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": _("Enter what happened or what you are worried about")},
    )
    happened_on = GovUKDateField(
        label=_("When did it happen, or when did you learn of it?"),
        help_text=_("For example, 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter when it happened")},
    )
    happened_at = TimeField(
        label=_("Time"),
        help_text=_("If you know it, for example 16:30"),
        required=False,
    )
    who_at_risk = forms.MultipleChoiceField(
        label=_("Who is at risk?"),
        help_text=_("Select all that apply"),
        choices=AtRisk.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select who is at risk")},
    )
    at_risk_detail = forms.CharField(
        label=_("About the people at risk"),
        help_text=_("For example, their age and how they know the child"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    immediate_action = forms.CharField(
        label=_("What immediate action was taken?"),
        help_text=_("Who you told and what was done to keep people safe"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        error_messages={"required": _("Enter the immediate action taken")},
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child

    def clean_happened_on(self) -> date | None:
        happened: date | None = self.cleaned_data.get("happened_on")
        if happened and happened < self.child.date_of_birth:
            raise forms.ValidationError(_("The date must be on or after the child's date of birth"))
        return happened

    @classmethod
    def new_initial(cls) -> dict[str, Any]:
        return {"submission": uuid.uuid4(), "happened_on": timezone.localdate()}


class EscalateForm(forms.Form):
    due_on = GovUKDateField(
        label=_("Date the team manager should respond by"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date the team manager should respond by")},
    )
    due_time = TimeField(
        label=_("Time the team manager should respond by"),
        help_text=_("For example, 17:00"),
        error_messages={"required": _("Enter the time the team manager should respond by")},
    )
    note = forms.CharField(
        label=_("What you need from the team manager"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        day: date | None = data.get("due_on")
        at: time | None = data.get("due_time")
        if day and at:
            due = timezone.make_aware(datetime.combine(day, at))
            if due <= timezone.now():
                self.add_error("due_on", _("The response must be due after now"))
            elif due > timezone.now() + timedelta(days=14):
                self.add_error("due_on", _("The response must be due within 14 days"))
            else:
                data["due_at"] = due
        return data

    @classmethod
    def new_initial(cls) -> dict[str, Any]:
        due = timezone.localtime() + timedelta(hours=4)
        return {"due_on": due.date(), "due_time": f"{due:%H}:00"}


class RespondForm(forms.Form):
    response = forms.CharField(
        label=_("Your response"),
        help_text=_("What you have decided and who will do what"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        error_messages={"required": _("Enter your response")},
    )


class ReferralForm(forms.Form):
    agency = forms.ChoiceField(
        label=_("Agency"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the agency the referral was made to")},
    )
    agency_name = forms.CharField(
        label=_("Name of the other agency"),
        help_text=_("For example, the local authority designated officer (LADO)"),
        max_length=200,
        required=False,
    )
    made_on = GovUKDateField(
        label=_("Date of the referral"),
        help_text=_("For example, 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter the date of the referral")},
    )
    details = forms.CharField(
        label=_("What was asked, and any reference"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = {
            str(a.pk): a
            for a in PartnerAgency.objects.filter(service_id=child.service_id).order_by("name")
        }
        self.fields["agency"].choices = [  # type: ignore[attr-defined]
            *((key, agency.name) for key, agency in self.agencies.items()),
            (ANOTHER_AGENCY, _("Another agency")),
        ]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("agency") == ANOTHER_AGENCY and not data.get("agency_name", "").strip():
            self.add_error("agency_name", _("Enter the name of the other agency"))
        return data

    def chosen_agency(self) -> PartnerAgency | None:
        return self.agencies.get(self.cleaned_data["agency"])

    @classmethod
    def new_initial(cls) -> dict[str, Any]:
        return {"submission": uuid.uuid4(), "made_on": timezone.localdate()}


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        error_messages={"required": _("Enter the outcome of the referral")},
    )
    outcome_on = GovUKDateField(
        label=_("Date of the outcome"),
        help_text=_("For example, 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter the date of the outcome")},
    )

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.referral = referral

    def clean_outcome_on(self) -> date | None:
        day: date | None = self.cleaned_data.get("outcome_on")
        if day and day < self.referral.made_on:
            raise forms.ValidationError(
                _("The date of the outcome must be on or after the date of the referral")
            )
        return day


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is the concern being closed?"),
        choices=CloseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why the concern is being closed")},
    )
    note = forms.CharField(
        label=_("More about the reason"),
        help_text=_("Needed when the reason is ‘Other’"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("reason") == CloseReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", _("Enter more about the reason"))
        return data
