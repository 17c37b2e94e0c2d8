from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecm.accounts.models import User
from ecm.appointments.forms import TIME_MESSAGE, parse_time
from ecm.compliance.models import Change, Contacted, DecisionKind, FollowUp, Method, Result
from ecm.core.forms import GovUKDateField
from ecm.organisations.models import Membership, Role


def _text(
    label: Any, hint: Any = "", *, required: bool = False, rows: int = 3, **kw: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=required,
        max_length=5000,
        **kw,
    )


class _Submitted(forms.Form):
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("submission", uuid.uuid4())
        super().__init__(*args, **kwargs)


class AttemptForm(_Submitted):
    day = GovUKDateField(
        label=_("Date of the attempt"),
        help_text=_("For example, 27 3 2027"),
        past_only=True,
        error_messages={"required": _("Enter the date of the attempt")},
    )
    at_time = forms.CharField(
        label=_("Time"),
        help_text=_("Use the 24-hour clock, for example 10:30"),
        max_length=20,
        error_messages={"required": _("Enter the time of the attempt")},
    )
    contacted = forms.ChoiceField(
        label=_("Who did you try to reach?"),
        choices=Contacted.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who you tried to reach")},
    )
    method = forms.ChoiceField(
        label=_("How"),
        choices=Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you tried to reach them")},
    )
    result = forms.ChoiceField(
        label=_("Result"),
        choices=Result.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the result")},
    )
    note = _text(_("Note"), _("For example, what they said or when to try again"))

    def __init__(self, *args: Any, follow_up: FollowUp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.follow_up = follow_up

    def clean_at_time(self) -> time:
        value = parse_time(self.cleaned_data["at_time"])
        if value is None:
            raise forms.ValidationError(TIME_MESSAGE)
        return value

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        day: date | None = data.get("day")
        at: time | None = data.get("at_time")
        missed = timezone.localtime(self.follow_up.appointment.starts_at).date()
        if day is not None and day < missed:
            self.add_error(
                "day", _("Date of the attempt must be on or after the missed appointment")
            )
        elif day is not None and at is not None:
            data["at"] = timezone.make_aware(datetime.combine(day, at))
            if data["at"] > timezone.now():
                self.add_error("at_time", _("Time of the attempt must be now or in the past"))
        return data


class CompleteForm(forms.Form):
    reason_given = _text(
        _("The reason given"),
        _(
            "In the words of the child or family, if you could reach them. If nobody could be "
            "reached, say so."
        ),
        required=True,
        error_messages={"required": _("Enter the reason given, or that nobody could be reached")},
    )
    welfare_concerns = _text(
        _("Welfare concerns"),
        _(
            "Anything that worries you about the child's safety or well-being. Raise a "
            "safeguarding concern as well if the child may be at risk."
        ),
    )


def psychologists_of(service_id: int) -> forms.Field:
    field: forms.Field = forms.ModelChoiceField(
        label=_("Psychologist consulted"),
        queryset=User.objects.filter(
            pk__in=Membership.objects.filter(
                service_id=service_id, role=Role.PSYCHOLOGIST, is_active=True
            ).values("user_id"),
            is_active=True,
        ).order_by("full_name", "pk"),
        empty_label=_("Choose the psychologist"),
        error_messages={
            "required": _("Choose the psychologist you consulted"),
            "invalid_choice": _("Choose a clinical psychologist of the child's service"),
        },
    )
    field.label_from_instance = lambda user: user.full_name  # type: ignore[attr-defined]
    return field


class ConsultationForm(_Submitted):
    consulted_on = GovUKDateField(
        label=_("Date consulted"),
        help_text=_("For example, 27 3 2027"),
        past_only=True,
        error_messages={"required": _("Enter the date of the consultation")},
    )
    formulation_says = _text(
        _("What the formulation says about this pattern"),
        _("For example, what missing appointments may mean for this child, and what helps"),
        required=True,
        error_messages={"required": _("Enter what the formulation says about this pattern")},
    )
    changes = forms.MultipleChoiceField(
        label=_("What will the team change?"),
        help_text=_("Select all that apply"),
        choices=Change.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    change_detail = _text(
        _("The changes"), _("For example, a later time after school, or a worker the child knows")
    )
    advice = _text(
        _("The advice given"),
        required=True,
        error_messages={"required": _("Enter the advice the psychologist gave")},
    )

    def __init__(self, *args: Any, follow_up: FollowUp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.follow_up = follow_up
        self.fields["psychologist"] = psychologists_of(follow_up.child.service_id)
        self.order_fields(["psychologist", "consulted_on", "formulation_says", "changes"])

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        consulted: date | None = data.get("consulted_on")
        missed = timezone.localtime(self.follow_up.appointment.starts_at).date()
        if consulted is not None and consulted < missed:
            self.add_error(
                "consulted_on", _("Date consulted must be on or after the missed appointment")
            )
        if data.get("changes") and not (data.get("change_detail") or "").strip():
            self.add_error("change_detail", _("Describe what the team will change"))
        return data


BALANCE_HINT = _("Write down how you weighed it: this is required for every decision")


class DecisionForm(_Submitted):
    kind = forms.ChoiceField(
        label=_("Decision"),
        choices=DecisionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the decision")},
    )
    public_protection = _text(
        _("Public protection"),
        BALANCE_HINT,
        required=True,
        error_messages={"required": _("Write down what public protection needs")},
    )
    vulnerability = _text(
        _("The child's vulnerability"),
        required=True,
        error_messages={"required": _("Write down the child's vulnerability")},
    )
    ability_to_engage = _text(
        _("The child's ability to engage"),
        required=True,
        error_messages={"required": _("Write down the child's ability to engage")},
    )


class SignOffForm(forms.Form):
    agree = forms.TypedChoiceField(
        label=_("Do you agree with this decision?"),
        choices=[("yes", _("Yes, it takes effect today")), ("no", _("No, I do not agree"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you agree with the decision")},
    )
    note = _text(
        _("Note"), _("Required if you do not agree: say why, and what should happen instead")
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("agree") is False and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why you do not agree"))
        return data
