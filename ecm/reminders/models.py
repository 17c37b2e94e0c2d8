"""Reminders: one row for each time a person was told that something needs doing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """What a person was told needs doing and where (never a child's personal details:
    `subject` is a generic sentence and `link` a path within ECM), and when the e-mail
    went. With a `key`, the same reminder reaches the same person once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("subject"), max_length=200)
    link = models.CharField(_("link"), max_length=300)
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=~models.Q(key=""),
                name="reminder_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.subject}"
