"""Signing in and out, with a second factor for every account."""

from __future__ import annotations

import base64
import time
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecm.accounts import services, totp
from ecm.accounts.forms import CodeForm, SetUpForm, SignInForm
from ecm.accounts.models import RecoveryCode, TOTPDevice, User
from ecm.core.language import set_language_cookie

PENDING_USER = "pending_user_id"
PENDING_SINCE = "pending_since"
SETUP_SECRET = "setup_secret"
NEW_RECOVERY_CODES = "new_recovery_codes"


def _address(request: HttpRequest) -> str | None:
    hops = settings.TRUSTED_PROXY_HOPS
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    forwarded: list[str] = [a.strip() for a in header.split(",") if a.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    peer = str(request.META.get("REMOTE_ADDR", ""))
    return peer or None


def _pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER)
    since = request.session.get(PENDING_SINCE, 0)
    if user_id is None or time.time() - float(since) > settings.SIGN_IN_PENDING_SECONDS:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def _refusal_message(error: services.SignInRefused) -> str:
    if error.locked:
        return _("There have been too many attempts to sign in. Wait 5 minutes, then try again.")
    return _("Enter a correct username and password, or security code")


def _complete_sign_in(request: HttpRequest, user: User) -> HttpResponse:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session["signed_in_at"] = time.time()
    services.record_sign_in(user=user)
    response = redirect("core:home")
    # A language chosen on this device before signing in wins and is remembered;
    # otherwise the person's stored preference applies.
    if chosen in dict(settings.LANGUAGES) and chosen != user.language:
        services.set_language_preference(user=user, language=chosen)
    else:
        set_language_cookie(response, user.language)
    return response


@login_not_required
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.check_password(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                address=_address(request),
            )
        except services.SignInRefused as error:
            form.add_error(None, _refusal_message(error))
        else:
            request.session.cycle_key()
            request.session[PENDING_USER] = user.pk
            request.session[PENDING_SINCE] = time.time()
            if TOTPDevice.objects.filter(user=user).exists():
                return redirect("accounts:sign-in-code")
            return redirect("accounts:set-up")
    return render(request, "accounts/sign_in.html", {"form": form})


@login_not_required
def sign_in_code(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:sign-in")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_second_factor(
                user=user, code=form.cleaned_data["code"], address=_address(request)
            )
        except services.SignInRefused as error:
            if error.locked:
                form.add_error("code", _refusal_message(error))
            else:
                form.add_error("code", _("The security code is not right. Check it and try again"))
        else:
            return _complete_sign_in(request, user)
    return render(request, "accounts/sign_in_code.html", {"form": form})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@login_not_required
def set_up(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:sign-in")
    if TOTPDevice.objects.filter(user=user).exists():
        return redirect("accounts:sign-in-code")
    secret = request.session.get(SETUP_SECRET) or totp.new_secret()
    request.session[SETUP_SECRET] = secret
    form = SetUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.set_up_authenticator(
            user=user, secret=secret, code=form.cleaned_data["code"]
        )
        if codes is None:
            form.add_error(
                "code", _("The code is not right. Check the time on your phone and try again")
            )
        else:
            del request.session[SETUP_SECRET]
            response = _complete_sign_in(request, user)
            request.session[NEW_RECOVERY_CODES] = codes
            response["Location"] = str(reverse_lazy("accounts:recovery-codes"))
            return response
    uri = totp.provisioning_uri(secret, account=user.username, issuer="ECM")
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(
        request,
        "accounts/set_up.html",
        {"form": form, "qr": _qr_svg(uri), "secret": grouped},
    )


def recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop(NEW_RECOVERY_CODES, None)
    if not codes:
        return redirect("accounts:security")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


def security(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    device = TOTPDevice.objects.filter(user=user).first()
    unused = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.renew_recovery_codes(
                user=user, code=form.cleaned_data["code"], address=_address(request)
            )
        except services.SignInRefused as error:
            form.add_error("code", _refusal_message(error))
        else:
            request.session[NEW_RECOVERY_CODES] = codes
            return redirect("accounts:recovery-codes")
    return render(
        request,
        "accounts/security.html",
        {"device": device, "unused": unused, "form": form, "now": timezone.now()},
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        assert isinstance(request.user, User)
        services.record_sign_out(user=request.user)
    logout(request)
    messages.success(request, _("You have signed out"))
    return redirect("accounts:sign-in")


password_reset = login_not_required(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password-reset-sent"),
    )
)
password_reset_sent = login_not_required(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html")
)
password_set = login_not_required(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_set.html",
        success_url=reverse_lazy("accounts:password-set-done"),
    )
)
password_set_done = login_not_required(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_set_done.html")
)
