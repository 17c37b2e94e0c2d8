from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"), max_length=150, error_messages={"required": _("Enter your username")}
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        error_messages={"required": _("Enter your password")},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Security code"),
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes"),
        max_length=20,
        error_messages={"required": _("Enter the security code")},
    )


class SetUpForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6-digit code your app shows after you add this account"),
        max_length=10,
        error_messages={"required": _("Enter the code from your authenticator app")},
    )
