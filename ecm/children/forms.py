from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecm.accounts.models import User
from ecm.children.models import Child, Ethnicity, Gender, LanguagePreference
from ecm.core.forms import GovUKDateField
from ecm.organisations.models import Membership, Role, Service, Team


class DuplicateCheckForm(forms.Form):
    """The first step of adding a child: enough to look for a record that already exists."""

    legal_first_name = forms.CharField(
        label=_("Legal first name"),
        max_length=100,
        error_messages={"required": _("Enter the child's legal first name")},
    )
    legal_last_name = forms.CharField(
        label=_("Legal last name"),
        max_length=100,
        error_messages={"required": _("Enter the child's legal last name")},
    )
    date_of_birth = GovUKDateField(
        label=_("Date of birth"),
        help_text=_("For example, 27 3 2010"),
        past_only=True,
        error_messages={"required": _("Enter the child's date of birth")},
    )


class ChildForm(forms.Form):
    legal_first_name = DuplicateCheckForm.base_fields["legal_first_name"]
    legal_last_name = DuplicateCheckForm.base_fields["legal_last_name"]
    preferred_name = forms.CharField(
        label=_("Preferred name"),
        help_text=_("The name the child wants to be called, if it is different"),
        max_length=100,
        required=False,
    )
    date_of_birth = DuplicateCheckForm.base_fields["date_of_birth"]
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=Gender.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the child's gender")},
    )
    gender_description = forms.CharField(
        label=_("The term the child uses"),
        max_length=100,
        required=False,
    )
    ethnicity = forms.ChoiceField(
        label=_("Ethnicity"),
        help_text=_("As the child describes it"),
        choices=[("", _("Select an ethnic group")), *Ethnicity.choices],
        error_messages={"required": _("Select the child's ethnic group")},
    )
    language_preference = forms.ChoiceField(
        label=_("Language the child prefers"),
        choices=LanguagePreference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language the child prefers")},
    )
    language_other = forms.CharField(label=_("Other language"), max_length=100, required=False)
    language_asked_on = GovUKDateField(
        label=_("Date the child was asked"),
        help_text=_("When the child was asked which language they prefer"),
        past_only=True,
        required=False,
    )
    communication_needs = forms.CharField(
        label=_("Communication needs"),
        help_text=_(
            "For example, needs short sentences, reads with support, uses British Sign Language"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    local_reference = forms.CharField(
        label=_("Local reference"),
        help_text=_("Your service's own reference for the child"),
        max_length=40,
        error_messages={"required": _("Enter your service's reference for the child")},
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("No team")
    )
    case_manager = forms.ModelChoiceField(
        label=_("Case manager"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Not allocated yet"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, service: Service, child: Child | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.service = service
        self.child = child
        self.fields["team"].queryset = Team.objects.filter(service=service)  # type: ignore[attr-defined]
        case_manager_ids = Membership.objects.filter(
            service=service, role=Role.CASE_MANAGER, is_active=True
        ).values("user_id")
        self.fields["case_manager"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=case_manager_ids, is_active=True
        ).order_by("full_name")
        self.fields["case_manager"].label_from_instance = lambda u: u.full_name  # type: ignore[attr-defined]

    def clean_local_reference(self) -> str:
        reference: str = self.cleaned_data["local_reference"].strip()
        others = Child.objects.filter(service=self.service, local_reference__iexact=reference)
        if self.child is not None:
            others = others.exclude(pk=self.child.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Another child in your service already has this reference")
            )
        return reference

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("gender") == Gender.OTHER and not data.get("gender_description"):
            self.add_error("gender_description", _("Enter the term the child uses"))
        if data.get("language_preference") == LanguagePreference.OTHER and not data.get(
            "language_other"
        ):
            self.add_error("language_other", _("Enter the language the child prefers"))
        return data

    @classmethod
    def initial_for(cls, child: Child) -> dict[str, Any]:
        initial = {name: getattr(child, name) for name in cls.base_fields if name != "version"}
        initial["version"] = child.version
        return initial
