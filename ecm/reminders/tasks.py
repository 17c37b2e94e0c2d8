"""The background task that sends a reminder e-mail (django.tasks: run at once in
development and tests, by `manage.py db_worker` in production)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ecm.reminders.models import Reminder


def absolute(link: str) -> str:
    return str(settings.ECM_SITE_URL).rstrip("/") + link


@task()
def send_reminder(reminder_id: int) -> None:
    """E-mails a generic subject and the link, nothing else: an e-mail can be read on a
    phone's lock screen or forwarded, so it never names or describes the child."""
    reminder = (
        Reminder.objects.filter(pk=reminder_id, sent_at__isnull=True).select_related("user").first()
    )
    if reminder is None:
        return
    user = reminder.user
    if user.is_active and user.email:
        with translation.override(user.language):
            subject = _("Something needs your attention in ECM")
            body = render_to_string("reminders/email.txt", {"link": absolute(reminder.link)})
        send_mail(subject, body, None, [user.email])
    Reminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
