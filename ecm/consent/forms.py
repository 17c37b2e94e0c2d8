from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child, LanguagePreference
from ecm.consent.models import (
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    RelatedPerson,
    Relationship,
    ReminderChannel,
)
from ecm.core.forms import GovUKDateField, yes_no_field
from ecm.organisations.models import PartnerAgency

CHILD = "child"


class RelatedPersonForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter the person's full name")},
    )
    relationship = forms.ChoiceField(
        label=_("Who they are to the child"),
        choices=Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who the person is to the child")},
    )
    relationship_other = forms.CharField(
        label=_("Describe who they are to the child"),
        help_text=_("Only if you selected someone else, for example aunt or youth worker"),
        max_length=100,
        required=False,
    )
    has_parental_responsibility = yes_no_field(
        _("Do they have parental responsibility for the child?"),
        required=_("Select yes if the person has parental responsibility"),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    address = forms.CharField(
        label=_("Address"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    language = forms.ChoiceField(
        label=_("Language the person prefers"),
        choices=LanguagePreference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language the person prefers")},
    )
    language_other = forms.CharField(label=_("Other language"), max_length=100, required=False)
    language_asked_on = GovUKDateField(
        label=_("Date the person was asked"),
        help_text=_("When the person was asked which language they prefer"),
        past_only=True,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("relationship") == Relationship.OTHER and not data.get("relationship_other"):
            self.add_error("relationship_other", _("Describe who the person is to the child"))
        if data.get("language") == LanguagePreference.OTHER and not data.get("language_other"):
            self.add_error("language_other", _("Enter the language the person prefers"))
        return data

    @classmethod
    def initial_for(cls, person: RelatedPerson) -> dict[str, Any]:
        skip = {"version", "submission", "has_parental_responsibility"}
        initial = {name: getattr(person, name) for name in cls.base_fields if name not in skip}
        initial["has_parental_responsibility"] = (
            "yes" if person.has_parental_responsibility else "no"
        )
        initial["version"] = person.version
        return initial

    @classmethod
    def new_initial(cls) -> dict[str, Any]:
        return {"submission": uuid.uuid4()}


class ConsentForm(forms.Form):
    person = forms.ChoiceField(
        label=_("Whose consent is it?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whose consent this is")},
    )
    purpose = forms.ChoiceField(
        label=_("What they agreed to"),
        choices=ConsentPurpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the person agreed to")},
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies information may be shared with"),
        help_text=_("Only for sharing information. Select every agency the person agreed to"),
        queryset=PartnerAgency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reminder_channels = forms.MultipleChoiceField(
        label=_("How reminders may be sent"),
        help_text=_("Only for reminders"),
        choices=ReminderChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    method = forms.ChoiceField(
        label=_("How consent was given"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how consent was given")},
    )
    witness_name = forms.CharField(
        label=_("Name of the witness"),
        help_text=_("Only when consent was said out loud"),
        max_length=200,
        required=False,
    )
    understanding_note = forms.CharField(
        label=_("What the child understood"),
        help_text=_(
            "Needed for the child's own consent: how you checked the child understood "
            "what they agreed to, and that they can change their mind at any time"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    language_explained = forms.ChoiceField(
        label=_("Language it was explained in"),
        choices=LanguagePreference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language it was explained in")},
    )
    given_on = GovUKDateField(
        label=_("Date consent was given"),
        help_text=_("For example, 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter the date consent was given")},
    )
    review_on = GovUKDateField(
        label=_("Review date"),
        help_text=_("When to check with the person that they still agree"),
        required=False,
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, child: Child, people: list[RelatedPerson], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        self.people = {str(p.pk): p for p in people}
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            (CHILD, _("%(name)s (the child)") % {"name": child.display_name}),
            *((str(p.pk), f"{p.full_name} ({p.relationship_label})") for p in people),
        ]
        self.fields["agencies"].queryset = PartnerAgency.objects.filter(  # type: ignore[attr-defined]
            service_id=child.service_id
        ).order_by("name")

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        purpose = data.get("purpose")
        if purpose == ConsentPurpose.SHARING and not data.get("agencies"):
            self.add_error("agencies", _("Select the agencies information may be shared with"))
        if purpose == ConsentPurpose.REMINDERS and not data.get("reminder_channels"):
            self.add_error("reminder_channels", _("Select how reminders may be sent"))
        if (
            data.get("method") == ConsentMethod.VERBAL_WITH_WITNESS
            and not (data.get("witness_name") or "").strip()
        ):
            self.add_error("witness_name", _("Enter the name of the witness"))
        if data.get("person") == CHILD and not (data.get("understanding_note") or "").strip():
            self.add_error(
                "understanding_note", _("Describe how you checked what the child understood")
            )
        given_on, review_on = data.get("given_on"), data.get("review_on")
        if given_on and review_on and review_on < given_on:
            self.add_error(
                "review_on",
                _("Review date must be the same as or after the date consent was given"),
            )
        return data

    def chosen_person(self) -> RelatedPerson | None:
        value = self.cleaned_data["person"]
        return None if value == CHILD else self.people[value]


class WithdrawForm(forms.Form):
    withdrawn_on = GovUKDateField(
        label=_("Date consent was withdrawn"),
        help_text=_("For example, 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter the date consent was withdrawn")},
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_(
            "Nobody has to give a reason for changing their mind. Note anything the "
            "person asked for, for example that their school should be told"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, consent: ConsentRecord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consent = consent

    def clean_withdrawn_on(self) -> Any:
        value = self.cleaned_data.get("withdrawn_on")
        if value is not None and value < self.consent.given_on:
            raise forms.ValidationError(
                _(
                    "Date consent was withdrawn must be the same as or after the date it "
                    "was given, %(date)s"
                )
                % {"date": formats.date_format(self.consent.given_on, "j F Y")}
            )
        return value
