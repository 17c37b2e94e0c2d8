"""Safeguarding and risk concerns through HTTP: raising, escalating with a due time (the
team managers reminded on their home page and by e-mail, with nothing about the child),
responding, referrals and their outcomes, closing; prominence on the child's record and
on managers' home pages; bad input, double submission and someone else acting first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.reminders.models import Reminder
from ecm.safeguarding.models import Concern, Referral
from ecm.safeguarding.tests.factories import concern, concern_post, escalated, referral
from ecm.transitions.tests.factories import engagement

SignIn = Callable[[User], Client]


def _due(hours: int = 3) -> dict[str, str]:
    due = timezone.localtime() + timedelta(hours=hours)
    return {
        "due_on_day": str(due.day),
        "due_on_month": str(due.month),
        "due_on_year": str(due.year),
        "due_time": f"{due:%H:%M}",
        "note": "Please decide on a strategy discussion.",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["case_manager", "psychologist", "team_manager", "senior_manager"])
def test_everyone_who_reads_the_record_raises_a_concern(
    world: World, signed_in: SignIn, role: str
) -> None:
    child = world.child(1)
    response = signed_in(world.person(role)).post(
        reverse("safeguarding:raise", args=[child.pk]), concern_post()
    )
    made = Concern.objects.get()
    assert response["Location"] == reverse("safeguarding:detail", args=[child.pk, made.pk])
    assert made.raised_by == world.person(role)
    assert made.happened_at is not None
    assert made.happened_at.hour == 16
    assert made.status == "open"
    assert not made.during_voluntary
    assert AuditEvent.objects.filter(verb=Verb.RAISE_CONCERN, child_id=child.pk).exists()


@pytest.mark.django_db
def test_a_concern_during_voluntary_engagement_says_so(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    engagement(child)
    client = signed_in(world.person("case_manager"))
    page = client.get(reverse("safeguarding:raise", args=[child.pk])).content.decode()
    assert "This child is in voluntary engagement" in page
    client.post(reverse("safeguarding:raise", args=[child.pk]), concern_post())
    made = Concern.objects.get()
    assert made.during_voluntary
    detail = client.get(reverse("safeguarding:detail", args=[child.pk, made.pk])).content.decode()
    assert "During voluntary engagement" in detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"what": ""}, "what", "Enter what happened or what you are worried about"),
        ({"who_at_risk": None}, "who_at_risk", "Select who is at risk"),
        ({"immediate_action": ""}, "immediate_action", "Enter the immediate action taken"),
        ({"happened_on_day": "30", "happened_on_month": "2"}, "happened_on", "must be a real date"),
        ({"happened_on_year": "2001"}, "happened_on", "on or after the child&#x27;s date of birth"),
        ({"happened_at": "25:00"}, "happened_at", "must be a real time of day"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_typed_is_lost(
    world: World, signed_in: SignIn, overrides: dict[str, str | None], field: str, message: str
) -> None:
    child = world.child(1)
    data = concern_post(**{"at_risk_detail": "Sibling aged nine", **overrides})
    response = signed_in(world.person("case_manager")).post(
        reverse("safeguarding:raise", args=[child.pk]), data
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert f'id="id_{field}-error"' in body
    assert "Sibling aged nine" in body
    assert not Concern.objects.exists()


@pytest.mark.django_db
def test_a_double_submitted_concern_is_raised_once(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    data = concern_post(submission="5b0e7a52-3f55-4b7e-8f1c-0c0a1d7c6e01")
    url = reverse("safeguarding:raise", args=[child.pk])
    assert client.post(url, data)["Location"] == client.post(url, data)["Location"]
    assert Concern.objects.count() == 1


@pytest.mark.django_db
def test_escalating_tells_the_team_managers_without_naming_the_child(
    world: World, signed_in: SignIn, django_capture_on_commit_callbacks: Any
) -> None:
    child = world.child(1, legal_first_name="Ffion", legal_last_name="Maddock")
    item = concern(child)
    client = signed_in(world.person("case_manager"))
    url = reverse("safeguarding:escalate", args=[child.pk, item.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _due())
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "escalated"
    assert item.response_due_at is not None
    manager = world.person("team_manager")
    reminder = Reminder.objects.get(user=manager)
    assert reminder.link == reverse("safeguarding:detail", args=[child.pk, item.pk])
    assert not Reminder.objects.exclude(user=manager).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [manager.email]
    for private in ("Ffion", "Maddock", child.local_reference):
        assert private not in message.subject
        assert private not in message.body
    assert AuditEvent.objects.filter(verb=Verb.ESCALATE_CONCERN, child_id=child.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hours", "message"),
    [(-1, "The response must be due after now"), (24 * 15, "within 14 days")],
)
def test_the_due_time_must_be_soon_and_in_the_future(
    world: World, signed_in: SignIn, hours: int, message: str
) -> None:
    child = world.child(1)
    item = concern(child)
    response = signed_in(world.person("psychologist")).post(
        reverse("safeguarding:escalate", args=[child.pk, item.pk]), _due(hours)
    )
    assert message in response.content.decode()
    item.refresh_from_db()
    assert item.status == "open"


@pytest.mark.django_db
def test_escalating_twice_changes_nothing_the_second_time(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    item = concern(child)
    client = signed_in(world.person("case_manager"))
    url = reverse("safeguarding:escalate", args=[child.pk, item.pk])
    client.get(url)
    Concern.objects.filter(pk=item.pk).update(
        status="closed", close_reason="other", closed_at=timezone.now()
    )
    response = client.post(url, _due())
    assert response.status_code == 302  # already past escalation: back to the concern
    assert Reminder.objects.count() == 0


@pytest.mark.django_db
def test_a_manager_responds_and_the_concern_is_closed_with_a_reason(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    item = escalated(child)
    manager = signed_in(world.person("team_manager"))
    home = manager.get(reverse("core:home")).content.decode()
    assert "Open safeguarding concerns" in home
    assert child.display_name in home
    manager.post(
        reverse("safeguarding:respond", args=[child.pk, item.pk]),
        {"response": "Strategy discussion requested for tomorrow."},
    )
    item.refresh_from_db()
    assert item.responded_by == world.person("team_manager")
    response = manager.post(
        reverse("safeguarding:close", args=[child.pk, item.pk]), {"reason": "other", "note": ""}
    )
    assert "Enter more about the reason" in response.content.decode()
    manager.post(
        reverse("safeguarding:close", args=[child.pk, item.pk]), {"reason": "agency_leads"}
    )
    item.refresh_from_db()
    assert item.status == "closed"
    assert item.close_reason == "agency_leads"
    assert "No open safeguarding concerns" in manager.get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_psychologists_and_case_managers_do_not_respond_for_the_manager(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    item = escalated(child)
    url = reverse("safeguarding:respond", args=[child.pk, item.pk])
    for role in ("case_manager", "psychologist"):
        assert signed_in(world.person(role)).post(url, {"response": "x"}).status_code == 403


@pytest.mark.django_db
def test_referrals_and_their_outcomes(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    item = concern(child)
    client = signed_in(world.person("case_manager"))
    url = reverse("safeguarding:referral-add", args=[child.pk, item.pk])
    response = client.post(
        url,
        {"agency": "another", "made_on_day": "21", "made_on_month": "10", "made_on_year": "2026"},
    )
    assert "Enter the name of the other agency" in response.content.decode()
    client.post(
        url,
        {
            "agency": str(world.agencies[1].pk),
            "made_on_day": "21",
            "made_on_month": "10",
            "made_on_year": "2026",
            "details": "Ref 123",
        },
    )
    made = Referral.objects.get()
    assert made.agency == world.agencies[1]
    outcome = reverse("safeguarding:referral-outcome", args=[child.pk, item.pk, made.pk])
    early = {
        "outcome": "Assessed",
        "outcome_on_day": "1",
        "outcome_on_month": "10",
        "outcome_on_year": "2026",
    }
    assert "on or after the date of the referral" in client.post(outcome, early).content.decode()
    client.post(outcome, {**early, "outcome_on_day": "25"})
    made.refresh_from_db()
    assert made.outcome == "Assessed"
    assert made.outcome_on is not None


@pytest.mark.django_db
def test_an_agency_of_another_service_cannot_be_chosen(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    item = concern(child)
    response = signed_in(world.person("case_manager")).post(
        reverse("safeguarding:referral-add", args=[child.pk, item.pk]),
        {
            "agency": str(world.agencies[2].pk),
            "made_on_day": "21",
            "made_on_month": "10",
            "made_on_year": "2026",
        },
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Referral.objects.exists()


@pytest.mark.django_db
def test_an_outcome_recorded_by_someone_else_first_is_kept(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    item = concern(child)
    made = referral(item)
    client = signed_in(world.person("case_manager"))
    url = reverse("safeguarding:referral-outcome", args=[child.pk, item.pk, made.pk])
    client.get(url)
    Referral.objects.filter(pk=made.pk).update(outcome="Theirs", outcome_on=made.made_on)
    response = client.post(
        url,
        {
            "outcome": "Mine",
            "outcome_on_day": "25",
            "outcome_on_month": "10",
            "outcome_on_year": "2026",
        },
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.outcome == "Theirs"


@pytest.mark.django_db
def test_open_concerns_are_first_and_prominent_on_the_childs_record(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    escalated(child, response_due_at=timezone.now() - timedelta(hours=1))
    concern(child, status="closed", close_reason="other", closed_at=timezone.now())
    body = (
        signed_in(world.person("psychologist"))
        .get(reverse("children:detail", args=[child.pk]))
        .content.decode()
    )
    assert "1 open safeguarding concern" in body
    assert "govuk-notification-banner" in body
    assert "response is overdue" in body
    assert "including voluntary engagement" in body


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_managers_list_and_home_page_query_counts_do_not_grow(
    world: World, signed_in: SignIn
) -> None:
    client = signed_in(world.person("team_manager"))
    escalated(world.child(1))
    home, listed = (
        _queries(client, reverse("core:home")),
        _queries(client, reverse("concerns:open")),
    )
    for _n in range(29):
        concern(world.child(1))
    assert _queries(client, reverse("concerns:open")) == listed == OPEN_LIST_QUERIES
    assert _queries(client, reverse("core:home")) == home


@pytest.mark.django_db
def test_the_concerns_page_query_count_does_not_grow(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    url = reverse("safeguarding:concerns", args=[child.pk])
    concern(child)
    one = _queries(client, url)
    for _n in range(29):
        concern(child, status="closed", close_reason="other", closed_at=timezone.now())
    assert _queries(client, url) == one == CONCERNS_PAGE_QUERIES


OPEN_LIST_QUERIES = 8
CONCERNS_PAGE_QUERIES = 9
