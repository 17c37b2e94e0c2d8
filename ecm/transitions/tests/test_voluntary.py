"""Voluntary engagement after an order: fresh consent, the order must have ended, the
episode moves on, enforcement and compliance counting stop, reviews and a planned end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.episodes.models import Stage
from ecm.offending.models import Order
from ecm.transitions.models import VoluntaryEngagement, VoluntaryReview
from ecm.transitions.queries import in_voluntary_engagement
from ecm.transitions.tests.factories import ended_order, engagement, episode, participation

SignIn = Callable[[User], Client]


def _parts(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def _start_post(order: Order, start: date, end: date, **extra: Any) -> dict[str, Any]:
    return {
        "ended_order": str(order.pk),
        **_parts("started_on", start),
        **_parts("planned_end_on", end),
        "what_continues": "Boxing on Thursdays and help with a CV.",
        **extra,
    }


@pytest.mark.django_db
def test_a_child_continues_voluntarily_with_fresh_consent(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=date(2009, 3, 1))
    current = episode(child)
    order = ended_order(child)
    today = timezone.localdate()
    participation(child, given_on=today - timedelta(days=300))
    client = signed_in(world.person("case_manager"))
    url = reverse("transitions:voluntary-start", args=[child.pk])
    start = order.end_date
    assert start is not None
    refused = client.post(url, _start_post(order, start, start + timedelta(weeks=20)))
    assert "fresh consent to take part is needed" in refused.content.decode()
    assert not VoluntaryEngagement.objects.exists()
    assert not in_voluntary_engagement(child)

    participation(child, given_on=start)
    response = client.post(url, _start_post(order, start, start + timedelta(weeks=20)))
    assert response["Location"] == reverse("transitions:index", args=[child.pk])
    made = VoluntaryEngagement.objects.get()
    assert made.consent.given_on == start
    assert made.review_weeks == 6
    assert in_voluntary_engagement(child)
    current.refresh_from_db()
    assert current.stage == Stage.VOLUNTARY
    assert AuditEvent.objects.filter(verb=Verb.START_VOLUNTARY, child_id=child.pk).exists()
    record = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Voluntary engagement" in record
    assert "no compliance counting" in record


@pytest.mark.django_db
def test_a_running_statutory_order_keeps_enforcement(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=date(2009, 3, 1))
    episode(child)
    order = ended_order(child)
    participation(child)
    Order.objects.create(
        child=child,
        order_type="referral_order",
        start_date=date(2026, 1, 5),
        recorded_by=world.person("case_manager"),
    )
    start = timezone.localdate() - timedelta(days=5)
    response = signed_in(world.person("case_manager")).post(
        reverse("transitions:voluntary-start", args=[child.pk]),
        _start_post(order, start, start + timedelta(weeks=10)),
    )
    assert "Another statutory order is still running" in response.content.decode()
    assert not VoluntaryEngagement.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start_days", "end_days", "message"),
    [
        (-20, 60, "on or after the day the order ended"),
        (0, -1, "Planned end must be after the start"),
        (0, 800, "within 2 years of the start"),
    ],
)
def test_bad_dates_are_refused_at_the_field(
    world: World, signed_in: SignIn, start_days: int, end_days: int, message: str
) -> None:
    child = world.child(1, date_of_birth=date(2009, 3, 1))
    episode(child)
    order = ended_order(child)
    assert order.end_date is not None
    start = order.end_date + timedelta(days=start_days)
    response = signed_in(world.person("case_manager")).post(
        reverse("transitions:voluntary-start", args=[child.pk]),
        _start_post(order, start, start + timedelta(days=end_days)),
    )
    body = response.content.decode()
    assert message in body
    assert "Boxing on Thursdays" in body


@pytest.mark.django_db
def test_without_an_ended_order_the_page_says_what_to_do(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    episode(child)
    page = signed_in(world.person("team_manager")).get(
        reverse("transitions:voluntary-start", args=[child.pk])
    )
    assert "No statutory order of this child has ended yet" in page.content.decode()


@pytest.mark.django_db
def test_a_new_statutory_order_ends_the_pause_in_enforcement(world: World) -> None:
    child = world.child(1)
    made = engagement(child)
    assert in_voluntary_engagement(child)
    Order.objects.create(
        child=child,
        order_type="youth_rehabilitation_order",
        start_date=made.started_on + timedelta(days=1),
        recorded_by=world.person("case_manager"),
    )
    assert not in_voluntary_engagement(child)
    assert not in_voluntary_engagement(child, on=made.started_on - timedelta(days=1))


@pytest.mark.django_db
def test_reviews_at_the_services_cadence_and_a_planned_end(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    made = engagement(child, started_on=timezone.localdate() - timedelta(weeks=6, days=1))
    client = signed_in(world.person("case_manager"))
    home = client.get(reverse("core:home")).content.decode()
    assert "Voluntary engagement reviews due" in home
    assert "overdue since" in home
    today = timezone.localdate()
    client.post(
        reverse("transitions:voluntary-review", args=[child.pk, made.pk]),
        {**_parts("reviewed_on", today), "how_it_is_going": "Coming every week."},
    )
    assert VoluntaryReview.objects.filter(engagement=made).count() == 1
    assert (
        "Voluntary engagement reviews due" not in client.get(reverse("core:home")).content.decode()
    )
    end = reverse("transitions:voluntary-end", args=[child.pk, made.pk])
    client.post(end, {**_parts("ended_on", today), "reason": "planned_end"})
    made.refresh_from_db()
    assert made.ended_on == today
    assert made.end_reason == "planned_end"
    assert not in_voluntary_engagement(child)
    again = client.post(end, {**_parts("ended_on", today), "reason": "child_chose"})
    assert again.status_code == 200
    made.refresh_from_db()
    assert made.end_reason == "planned_end"


@pytest.mark.django_db
def test_a_double_submitted_start_starts_once(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=date(2009, 3, 1))
    episode(child)
    order = ended_order(child)
    assert order.end_date is not None
    participation(child, given_on=order.end_date)
    client = signed_in(world.person("case_manager"))
    data = _start_post(
        order,
        order.end_date,
        order.end_date + timedelta(weeks=8),
        submission="0a4b4a57-6c1e-4b43-9b1f-59b1e2b7c001",
    )
    url = reverse("transitions:voluntary-start", args=[child.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert VoluntaryEngagement.objects.count() == 1
