"""Reminders: a background task e-mails a generic subject and a link (nothing about the
child), after the transaction commits, once per key; the scheduled command finds what is
due."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from ecm.appointments.tests import factories
from ecm.conftest import World
from ecm.reminders.models import Reminder
from ecm.reminders.services import remind
from ecm.reminders.tasks import send_reminder

Capture = Callable[..., Any]


def test_tasks_run_at_once_in_tests_and_from_the_database_in_production() -> None:
    assert settings.TASKS["default"]["BACKEND"] == (
        "django.tasks.backends.immediate.ImmediateBackend"
    )
    assert "django_tasks_db" in settings.INSTALLED_APPS


@pytest.mark.django_db
def test_the_email_has_a_generic_subject_and_a_link_only(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    child = world.child(1, legal_first_name="Ffion", legal_last_name="Maddocks")
    user = world.person("case_manager")
    link = f"/children/{child.pk}/compliance/follow-ups/1/"
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        remind(user=user, subject="A missed appointment needs a follow-up", link=link)
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    [message] = mail.outbox
    assert message.subject == "Something needs your attention in ECM"
    assert message.to == [user.email]
    assert f"http://127.0.0.1:8000{link}" in message.body
    for personal in ("Ffion", "Maddocks", child.local_reference, "missed"):
        assert personal not in message.body
        assert personal not in message.subject
    reminder = Reminder.objects.get()
    assert (reminder.user, reminder.link, reminder.sent_at is not None) == (user, link, True)


@pytest.mark.django_db
def test_a_key_reminds_once_and_a_bad_link_is_refused(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    user = world.person("team_manager")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            remind(user=user, subject="Sign-off", link="/ecm/", key="sign-off:1")
        remind(user=user, subject="Sign-off", link="/ecm/", key="sign-off:2")
    assert Reminder.objects.count() == 2
    assert len(mail.outbox) == 2
    for bad in ("https://evil.example/", "//evil.example/", "ecm/"):
        with pytest.raises(ValueError, match="path within ECM"):
            remind(user=user, subject="x", link=bad)


@pytest.mark.django_db
def test_no_email_for_an_inactive_person_or_twice(world: World) -> None:
    user = world.person("case_manager")
    reminder = Reminder.objects.create(user=user, subject="x", link="/")
    user.is_active = False
    user.save()
    send_reminder.enqueue(reminder.pk)
    send_reminder.enqueue(reminder.pk)
    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.sent_at is not None


@pytest.mark.django_db
def test_the_scheduled_command_reminds_of_what_is_due_once(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    child = world.child(1)
    ended = factories.appointment(child, starts_at=factories.at(-1))
    factories.appointment(child, starts_at=factories.at(-30))  # too old to chase
    factories.appointment(child, starts_at=factories.at(3))  # not yet
    overdue = factories.missed(child, days=-10)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_due_reminders", stdout=out)
        call_command("send_due_reminders", stdout=StringIO())
    keys = sorted(Reminder.objects.values_list("key", flat=True))
    assert keys == [f"follow-up-overdue:{overdue.pk}", f"outcome:{ended.pk}"]
    assert len(mail.outbox) == 2
    assert "2 reminders" in out.getvalue()
    assert all(r.user == world.person("case_manager") for r in Reminder.objects.all())
