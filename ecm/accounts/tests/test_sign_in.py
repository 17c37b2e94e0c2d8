"""Signing in with both factors, lockout, no enumeration, and session limits."""

from __future__ import annotations

import time

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from ecm.accounts import totp
from ecm.accounts.models import RecoveryCode, TOTPDevice, User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World, make_user, sign_in

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"
PASSWORD = "a-long-test-password"


def with_device(user: User) -> User:
    TOTPDevice.objects.create(user=user, secret=SECRET, confirmed_at=timezone.now())
    return user


def password_step(client: Client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(reverse("accounts:sign-in"), {"username": username, "password": password})


def test_rfc6238_reference_vector() -> None:
    # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits) -> last 6 digits.
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert totp.code_at(secret, 59 // 30) == "287082"


@pytest.mark.django_db
def test_two_factor_sign_in_and_code_cannot_be_replayed(client: Client) -> None:
    user = with_device(make_user("sam"))
    response = password_step(client, "sam")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign-in-code")
    # Not signed in yet: the home page still asks for sign-in.
    assert client.get(reverse("core:home")).status_code == 302
    code = totp.current_code(SECRET)
    response = client.post(reverse("accounts:sign-in-code"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(user_id=user.pk, verb=Verb.SIGN_IN).count() == 1
    # The same code again, from a fresh sign-in, is refused.
    other = Client()
    password_step(other, "sam")
    response = other.post(reverse("accounts:sign-in-code"), {"code": code})
    assert response.status_code == 200
    assert "The security code is not right" in response.content.decode()


@pytest.mark.django_db
def test_unknown_user_and_wrong_password_get_the_same_answer(client: Client) -> None:
    make_user("sam")
    wrong = password_step(client, "sam", "not-the-password").content.decode()
    unknown = password_step(client, "nobody-here", "not-the-password").content.decode()
    message = "Enter a correct username and password, or security code"
    assert message in wrong
    assert message in unknown
    # The username typed is kept; the password is not echoed back.
    assert 'value="sam"' in wrong
    assert "not-the-password" not in wrong


@pytest.mark.django_db
def test_lockout_after_ten_failures_even_with_the_right_password(client: Client) -> None:
    with_device(make_user("sam"))
    for _ in range(10):
        password_step(client, "sam", "wrong-password")
    response = password_step(client, "sam")
    assert response.status_code == 200
    assert "too many attempts" in response.content.decode()


@pytest.mark.django_db
def test_lockout_per_address_across_accounts(client: Client) -> None:
    for n in range(10):
        password_step(client, f"guess-{n}", "wrong-password")
    with_device(make_user("sam"))
    assert "too many attempts" in password_step(client, "sam").content.decode()


@pytest.mark.django_db
def test_first_sign_in_sets_up_the_app_and_shows_recovery_codes(client: Client) -> None:
    make_user("new-person")
    response = password_step(client, "new-person")
    assert response["Location"] == reverse("accounts:set-up")
    page = client.get(reverse("accounts:set-up"))
    assert page.status_code == 200
    secret = client.session["setup_secret"]
    bad = client.post(reverse("accounts:set-up"), {"code": "000000"})
    assert "The code is not right" in bad.content.decode()
    response = client.post(reverse("accounts:set-up"), {"code": totp.current_code(secret)})
    assert response["Location"] == reverse("accounts:recovery-codes")
    codes_page = client.get(reverse("accounts:recovery-codes")).content.decode()
    assert RecoveryCode.objects.filter(user__username="new-person").count() == 10
    # Shown once only.
    assert client.get(reverse("accounts:recovery-codes")).status_code == 302
    assert "Save your recovery codes" in codes_page


@pytest.mark.django_db
def test_recovery_code_works_once(client: Client) -> None:
    user = with_device(make_user("sam"))
    sign_in(client, user)
    response = client.post(reverse("accounts:security"), {"code": totp.current_code(SECRET)})
    assert response["Location"] == reverse("accounts:recovery-codes")
    page = client.get(reverse("accounts:recovery-codes")).content.decode()
    first = page.split('<ul class="govuk-list ecm-code"><li>')[1].split("</li>")[0]
    for attempt, expected in ((1, 302), (2, 200)):
        fresh = Client()
        password_step(fresh, "sam")
        response = fresh.post(reverse("accounts:sign-in-code"), {"code": first})
        assert response.status_code == expected, attempt


@pytest.mark.django_db
@override_settings(DEMO_MODE=False)
def test_demo_accounts_cannot_sign_in_outside_demo_mode(client: Client) -> None:
    user = with_device(make_user("case-manager-1"))
    user.is_demo = True
    user.save()
    assert "Enter a correct username" in password_step(client, "case-manager-1").content.decode()


@pytest.mark.django_db
def test_session_ends_after_the_absolute_limit(client: Client, world: World) -> None:
    sign_in(client, world.person("case_manager"))
    assert client.get(reverse("core:home")).status_code == 200
    session = client.session
    session["signed_in_at"] = time.time() - 12 * 60 * 60 - 1
    session.save()
    assert client.get(reverse("core:home")).status_code == 302


@pytest.mark.django_db
def test_deactivated_person_is_signed_out_on_next_request(client: Client, world: World) -> None:
    user = world.person("case_manager")
    sign_in(client, user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(reverse("core:home")).status_code == 302


@pytest.mark.django_db
def test_session_id_changes_at_sign_in(client: Client) -> None:
    with_device(make_user("sam"))
    client.get(reverse("accounts:sign-in"))
    password_step(client, "sam")
    before = client.session.session_key
    client.post(reverse("accounts:sign-in-code"), {"code": totp.current_code(SECRET)})
    assert client.session.session_key != before


@pytest.mark.django_db
def test_sign_out_is_audited(client: Client, world: World) -> None:
    user = world.person("psychologist")
    sign_in(client, user)
    assert client.post(reverse("accounts:sign-out")).status_code == 302
    assert AuditEvent.objects.filter(user_id=user.pk, verb=Verb.SIGN_OUT).exists()
    assert client.get(reverse("core:home")).status_code == 302


@pytest.mark.django_db
def test_password_reset_does_not_reveal_accounts(client: Client, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    make_user("sam")
    known = client.post(reverse("accounts:password-reset"), {"email": "sam@example.org"})
    unknown = client.post(reverse("accounts:password-reset"), {"email": "who@example.org"})
    assert known["Location"] == unknown["Location"]
    assert len(mailoutbox) == 1
