"""Signing in: password, second factor, lockout and recovery codes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone

from ecm.accounts import totp
from ecm.accounts.models import RecoveryCode, SignInFailure, TOTPDevice, User
from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.core.access import Actor, load_actor

RECOVERY_CODE_COUNT = 10


class SignInRefused(Exception):
    """The attempt failed. `locked` says whether the limit on failures was reached."""

    def __init__(self, *, locked: bool) -> None:
        super().__init__("locked" if locked else "invalid")
        self.locked = locked


def _normalise(username: str) -> str:
    return username.strip().lower()


def _is_locked(username: str, address: str | None) -> bool:
    since = timezone.now() - timedelta(seconds=settings.SIGN_IN_WINDOW_SECONDS)
    by_account = SignInFailure.objects.filter(at__gte=since, username=_normalise(username))
    if by_account.count() >= settings.SIGN_IN_MAX_FAILURES:
        return True
    if address is None:
        return False
    by_address = SignInFailure.objects.filter(at__gte=since, address=address)
    return by_address.count() >= settings.SIGN_IN_MAX_FAILURES


@transaction.atomic
def _record_failure(username: str, address: str | None, stage: str) -> None:
    forget_old_failures()
    SignInFailure.objects.create(username=_normalise(username), address=address)
    record_event(
        actor=None,
        verb=Verb.SIGN_IN_FAILED,
        username=_normalise(username)[:150],
        detail={"stage": stage, "address": address or ""},
    )


def check_password(*, username: str, password: str, address: str | None) -> User:
    """First step. The same refusal whether the account exists or not."""
    if _is_locked(username, address):
        raise SignInRefused(locked=True)
    user = authenticate(username=_normalise(username), password=password)
    if not isinstance(user, User) or (user.is_demo and not settings.DEMO_MODE):
        _record_failure(username, address, "password")
        raise SignInRefused(locked=False)
    return user


def _hash_recovery_code(user: User, code: str) -> str:
    # Salted per person, and independent of SECRET_KEY so that rotating the key
    # does not invalidate anyone's codes. Codes carry ~50 bits of randomness.
    cleaned = code.strip().lower().replace("-", "").replace(" ", "")
    return hashlib.sha256(f"ecm-recovery:{user.pk}:{cleaned}".encode()).hexdigest()


def check_second_factor(*, user: User, code: str, address: str | None) -> None:
    """Second step: a code from the authenticator app, or an unused recovery code."""
    if _is_locked(user.username, address):
        raise SignInRefused(locked=True)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user).first()
        if device is not None:
            step = totp.matching_step(device.secret, code, after_step=device.last_used_step)
            if step is not None:
                device.last_used_step = step
                device.save(update_fields=["last_used_step"])
                return
        used = RecoveryCode.objects.filter(
            user=user, code_hash=_hash_recovery_code(user, code), used_at__isnull=True
        ).update(used_at=timezone.now())
        if used:
            record_event(actor=load_actor(user), verb=Verb.USE_RECOVERY_CODE)
            return
    _record_failure(user.username, address, "code")
    raise SignInRefused(locked=False)


def _new_recovery_code() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def set_up_authenticator(*, user: User, secret: str, code: str) -> list[str] | None:
    """Confirms a new authenticator app. Returns fresh recovery codes, or None if
    the code does not match the secret."""
    step = totp.matching_step(secret, code, after_step=0)
    if step is None:
        return None
    TOTPDevice.objects.update_or_create(
        user=user,
        defaults={"secret": secret, "confirmed_at": timezone.now(), "last_used_step": step},
    )
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, code_hash=_hash_recovery_code(user, c)) for c in codes]
    )
    record_event(actor=load_actor(user), verb=Verb.SET_UP_MFA)
    return codes


def record_sign_in(*, user: User) -> None:
    record_event(actor=load_actor(user), verb=Verb.SIGN_IN)


def record_sign_out(*, user: User) -> None:
    record_event(actor=load_actor(user), verb=Verb.SIGN_OUT)


def forget_old_failures() -> int:
    """Failures older than the window no longer count; keep the table small."""
    since = timezone.now() - timedelta(seconds=settings.SIGN_IN_WINDOW_SECONDS)
    deleted, _ = SignInFailure.objects.filter(at__lt=since).delete()
    return deleted


def set_language_preference(*, user: User, language: str) -> None:
    """The person's own choice of interface language, kept for their next visit."""
    User.objects.filter(pk=user.pk).update(language=language)


def renew_recovery_codes(*, user: User, code: str, address: str | None) -> list[str]:
    """New recovery codes replace the old ones, after a fresh code from the app."""
    check_second_factor(user=user, code=code, address=address)
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(
            [RecoveryCode(user=user, code_hash=_hash_recovery_code(user, c)) for c in codes]
        )
        record_event(actor=load_actor(user), verb=Verb.SET_UP_MFA, detail={"renewed": True})
    return codes


@transaction.atomic
def reset_second_factor(*, actor: Actor, user: User, service_id: int) -> None:
    """For a lost phone: the person sets up a new authenticator app at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    record_event(
        actor=actor,
        verb=Verb.RESET_MFA,
        service_id=service_id,
        object_type="user",
        object_id=user.pk,
    )
