from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecm.accounts.models import Language, User
from ecm.core.forms import yes_no_field
from ecm.organisations.models import (
    SERVICE_SETTINGS,
    AgencyKind,
    PartnerAgency,
    Role,
    Service,
    Team,
)


class _MembershipFields(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the person's role")},
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("No team")
    )
    agency = forms.ModelChoiceField(
        label=_("Partner agency"),
        help_text=_("Only for partner agency workers"),
        queryset=PartnerAgency.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(service=service)  # type: ignore[attr-defined]
        self.fields["agency"].queryset = PartnerAgency.objects.filter(service=service)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("role") == Role.PARTNER and not data.get("agency"):
            self.add_error("agency", _("Select the partner agency the person works for"))
        if data.get("role") != Role.PARTNER and data.get("agency"):
            self.add_error("agency", _("Only partner agency workers belong to an agency"))
        return data


class AddPersonForm(_MembershipFields):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter the person's full name")},
    )
    username = forms.RegexField(
        label=_("Username"),
        help_text=_("Lower-case letters, numbers and hyphens, for example sam-jones"),
        regex=r"^[a-z0-9][a-z0-9\-.]{1,149}$",
        max_length=150,
        error_messages={
            "required": _("Enter a username"),
            "invalid": _("Use only lower-case letters, numbers, hyphens and full stops"),
        },
    )
    email = forms.EmailField(
        label=_("Work email address"),
        help_text=_("We will send a link to set a password to this address"),
        error_messages={
            "required": _("Enter the person's work email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    language = forms.ChoiceField(
        label=_("Language for the service"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        initial=Language.ENGLISH,
    )
    field_order = ["full_name", "username", "email", "language", "role", "team", "agency"]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].lower()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken"))
        return username

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account already uses this email address"))
        return email


class ChangeMembershipForm(_MembershipFields):
    is_active = forms.BooleanField(label=_("This person can use the service"), required=False)


class TeamForm(forms.Form):
    name = forms.CharField(
        label=_("Team name"),
        max_length=200,
        error_messages={"required": _("Enter the team's name")},
    )

    def __init__(
        self, *args: Any, service: Service, team: Team | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.service = service
        self.team = team

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        clash = Team.objects.filter(service=self.service, name__iexact=name)
        if self.team is not None:
            clash = clash.exclude(pk=self.team.pk)
        if clash.exists():
            raise forms.ValidationError(_("Your service already has a team with this name"))
        return name


class AgencyForm(forms.Form):
    name = forms.CharField(
        label=_("Agency name"),
        max_length=200,
        error_messages={"required": _("Enter the agency's name")},
    )
    kind = forms.ChoiceField(
        label=_("Type of agency"),
        choices=AgencyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the type of agency")},
    )

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if PartnerAgency.objects.filter(service=self.service, name__iexact=name).exists():
            raise forms.ValidationError(_("Your service already has an agency with this name"))
        return name


class ServiceSettingsForm(forms.Form):
    """The choices a service makes for itself (SERVICE_SETTINGS, saved by
    ecm.organisations.services.change_settings)."""

    name_cy = forms.CharField(
        label=_("The service's name in Welsh"),
        help_text=_("Shown to people who use ECM in Welsh. Leave empty to use the English name"),
        max_length=200,
        required=False,
    )
    requires_second_signature = yes_no_field(
        _("Does a formulation report need a second psychologist's signature?"),
        help_text=_("If yes, the psychologist who wrote a report cannot approve it alone"),
        required=_("Select yes if a formulation report needs a second psychologist's signature"),
    )
    enforcement_needs_sign_off = yes_no_field(
        _("Do warnings and breach proceedings need a team manager's sign-off?"),
        help_text=_(
            "After a missed appointment, a warning or breach proceedings take effect only once "
            "a team manager other than the person deciding has signed them off"
        ),
        required=_("Select yes if warnings and breach proceedings need a team manager's sign-off"),
    )
    accepts_partner_referrals = yes_no_field(
        _("Can partner agencies refer a child into ECM?"),
        help_text=_("Case managers can always refer"),
        required=_("Select yes if partner agencies can refer a child"),
    )
    accepts_self_referrals = yes_no_field(
        _("Can children and families refer themselves?"),
        help_text=_("Often allowed for prevention work"),
        required=_("Select yes if children and families can refer themselves"),
    )
    carer_consent_under_age = forms.IntegerField(
        label=_("Until what age is a parent's or carer's consent to ECM also needed?"),
        help_text=_(
            "A parent's or carer's consent is asked for while the child is younger than "
            "this age, for example 16. Enter 0 if the child's own consent is always enough"
        ),
        min_value=0,
        max_value=18,
        error_messages={
            "required": _("Enter an age from 0 to 18"),
            "invalid": _("Enter the age as a whole number, like 16"),
            "min_value": _("Enter an age from 0 to 18"),
            "max_value": _("Enter an age from 0 to 18"),
        },
    )
    voluntary_review_weeks = forms.IntegerField(
        label=_("How often is voluntary engagement reviewed, in weeks?"),
        help_text=_(
            "When a child keeps working with the service after their order ends. Applies "
            "to voluntary engagement that starts from now on"
        ),
        min_value=1,
        max_value=26,
        error_messages={
            "required": _("Enter a number of weeks from 1 to 26"),
            "invalid": _("Enter the number of weeks as a whole number, like 6"),
            "min_value": _("Enter a number of weeks from 1 to 26"),
            "max_value": _("Enter a number of weeks from 1 to 26"),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_for(service: Service) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": service.settings_version}
        for name in SERVICE_SETTINGS:
            value = getattr(service, name)
            initial[name] = ("yes" if value else "no") if isinstance(value, bool) else value
        return initial
