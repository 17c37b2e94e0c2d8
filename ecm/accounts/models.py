"""People who sign in, and their second factors."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    WELSH = "cy", "Cymraeg"


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=200)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    # Demo accounts can only be created and used while demo mode is switched on.
    is_demo = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.full_name or self.username


class TOTPDevice(models.Model):
    """An authenticator app (RFC 6238). The secret is shown once, at set-up."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField()
    # The last time step accepted: a code can be used only once.
    last_used_step = models.BigIntegerField(default=0)


class RecoveryCode(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "code_hash"])]


class SignInFailure(models.Model):
    """A failed password or code, counted per account name and per address."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
