from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecm.accounts.models import Language, User
from ecm.organisations.models import AgencyKind, PartnerAgency, Role, Service, Team


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
