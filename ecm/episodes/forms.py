from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.core.forms import GovUKDateField
from ecm.eligibility.models import Route
from ecm.episodes.models import (
    CloseReason,
    Decision,
    DeclineReason,
    ReferralSource,
    Urgency,
)
from ecm.organisations.models import PartnerAgency


class ReferralForm(forms.Form):
    referred_on = GovUKDateField(
        label=_("Date of referral"),
        past_only=True,
        error_messages={"required": _("Enter the date of the referral")},
    )
    route = forms.ChoiceField(
        label=_("Type of work"),
        choices=Route.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the type of work")},
    )
    source = forms.ChoiceField(
        label=_("Who made the referral"),
        choices=ReferralSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who made the referral")},
    )
    source_agency = forms.ModelChoiceField(
        label=_("Referring agency"),
        queryset=PartnerAgency.objects.none(),
        required=False,
        empty_label=_("Select an agency"),
    )
    reason = forms.CharField(
        label=_("Why ECM, and why now"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter why the child is being referred")},
    )
    tried_before = forms.CharField(
        label=_("What has been tried already"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect, initial="routine"
    )
    voluntary = forms.BooleanField(
        label=_("The child is taking part voluntarily, without a current court order"),
        required=False,
    )
    expected_months = forms.IntegerField(
        label=_("Expected time with the service, in months"),
        help_text=_("Leave blank to work it out from the child's current orders"),
        min_value=0,
        max_value=120,
        required=False,
        error_messages={"invalid": _("Enter a whole number of months, like 6")},
    )

    def __init__(self, *args: Any, child: Child, sources: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        self.fields["source"].choices = [  # type: ignore[attr-defined]
            c for c in ReferralSource.choices if c[0] in sources
        ]
        self.fields["source_agency"].queryset = PartnerAgency.objects.filter(  # type: ignore[attr-defined]
            service_id=child.service_id
        )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        referred_on = data.get("referred_on")
        if referred_on and referred_on < self.child.date_of_birth:
            self.add_error("referred_on", _("Date of referral must be after the child was born"))
        if data.get("source") == ReferralSource.PARTNER_AGENCY and not data.get("source_agency"):
            self.add_error("source_agency", _("Select the agency that made the referral"))
        if data.get("source") != ReferralSource.PARTNER_AGENCY:
            data["source_agency"] = None
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a decision")},
    )
    decline_reason = forms.ChoiceField(
        label=_("Reason for declining"),
        choices=[("", _("Select a reason")), *DeclineReason.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reasons"),
        help_text=_("Required when you override the rules or decline"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision == Decision.DECLINE and not data.get("decline_reason"):
            self.add_error("decline_reason", _("Select the reason for declining"))
        if decision in (Decision.OVERRIDE, Decision.DECLINE) and not data.get("reason", "").strip():
            self.add_error("reason", _("Enter the reasons for this decision"))
        return data


class MoveForm(forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label=_("Why is the episode closing?"),
        choices=CloseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why the episode is closing")},
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Required when the reason is other"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("reason") == CloseReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", _("Enter why the episode is closing"))
        return data
