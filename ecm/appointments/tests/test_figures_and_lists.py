"""The usual slot and the consistency figures, the outcomes to record (page and home
page), the child's record page section and the activity entries, with pinned query
counts the same for 1 and 30 items."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.appointments import activity, queries
from ecm.appointments.models import AppointmentSeries, Status
from ecm.appointments.tests import factories
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.core.access import load_actor
from ecm.trm.models import Tier, TierAssessment

SignIn = Callable[[User], Client]


def _weekly(child: object, weeks: range, **fields: object) -> list[object]:
    """Appointments on the same weekday at 16:00, `weeks` weeks from today."""
    return [factories.appointment(child, starts_at=factories.at(7 * w), **fields) for w in weeks]  # type: ignore[arg-type]


@pytest.mark.django_db
def test_consistency_figures(world: World) -> None:
    child = world.child(1)
    past = _weekly(child, range(-6, 0))
    statuses = [
        Status.ATTENDED,
        Status.LATE,
        Status.DID_NOT_ATTEND,
        Status.CANCELLED_BY_SERVICE,
        Status.ATTENDED,
    ]
    for appointment, status in zip(past, statuses, strict=False):
        factories.outcome(appointment, status)  # type: ignore[arg-type]
    # One held elsewhere, at another time: the child came.
    elsewhere = factories.appointment(child, starts_at=factories.at(-3, hour=10), place="School")
    factories.outcome(elsewhere, Status.ATTENDED)
    figures = queries.consistency(child)
    assert figures.slot is not None
    assert (figures.slot.time, figures.slot.place, figures.slot.from_series) == (
        "16:00",
        "Youth centre, Stryd Fawr",
        False,
    )
    # Planned with an outcome: 6 (the last weekly one has none yet). Held at the usual
    # time and place: attended, late, did not attend and attended (not the cancellation).
    assert (figures.planned, figures.held_at_usual, figures.usual_share) == (6, 4, 67)
    # Attendance: 4 came out of 5 (the service's cancellation does not count).
    assert (figures.attended, figures.attendance_counted, figures.attended_share) == (4, 5, 80)
    assert figures.without_outcome == 1
    assert not figures.at_routine_tier


@pytest.mark.django_db
def test_the_usual_slot_is_the_regular_series_and_tier_1_says_to_watch_it(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    user = world.person("case_manager")
    series = AppointmentSeries.objects.create(
        child=child,
        frequency="weekly",
        first_starts_at=factories.at(1, hour=17),
        until=timezone.localdate() + timedelta(weeks=4),
        created_by=user,
    )
    for week in range(4):
        factories.appointment(child, starts_at=factories.at(1 + 7 * week, hour=17), series=series)
    TierAssessment.objects.create(
        child=child,
        tier=Tier.objects.get(number=1),
        assessed_on=timezone.localdate(),
        assessed_by=user,
        evidence="Missed appointments; sleeping at friends' houses",
    )
    figures = queries.consistency(child)
    assert figures.slot is not None
    assert figures.slot.from_series
    assert figures.slot.time == "17:00"
    assert figures.at_routine_tier
    page = signed_in(user).get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Usual time and place" in page
    assert "The regular slot booked" in page
    assert "these are the figures to watch" in page


def _outcomes_page(client: Client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("outcomes:to-record"))
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.django_db
def test_outcomes_to_record_query_count_is_the_same_for_1_and_30(
    world: World, signed_in: SignIn
) -> None:
    me = world.person("case_manager")
    client = signed_in(me)
    child = world.child(1)
    factories.appointment(child, starts_at=factories.at(-2))
    one, page = _outcomes_page(client)
    assert child.display_name in page
    for number in range(29):
        other = world.child(1) if number % 3 else child
        factories.appointment(other, starts_at=factories.at(-1 - number % 9, hour=9 + number % 8))
    thirty, page = _outcomes_page(client)
    assert page.count("Record the outcome<span") == 30
    assert one == thirty == 8
    shown = AuditEvent.objects.filter(verb=Verb.LIST_CHILD, detail__page="outcomes-to-record")
    assert shown.count() == 1 + 20  # one event per child shown, on each visit


@pytest.mark.django_db
def test_outcomes_to_record_are_the_persons_own_and_only_ended_ones(
    world: World, signed_in: SignIn
) -> None:
    mine = world.child(1)
    someone_elses = world.child(1, case_manager=world.person("team_manager"))
    ended = factories.appointment(mine, starts_at=factories.at(-1))
    factories.outcome(factories.appointment(mine, starts_at=factories.at(-2)))
    factories.appointment(mine, starts_at=factories.at(1))
    factories.appointment(
        someone_elses, starts_at=factories.at(-1), created_by=world.person("team_manager")
    )
    booked_by_me = factories.appointment(
        someone_elses, starts_at=factories.at(-3), created_by=world.person("case_manager")
    )
    actor = load_actor(world.person("case_manager"))
    assert [a.pk for a in queries.outcomes_to_record(actor)] == [booked_by_me.pk, ended.pk]
    home = signed_in(world.person("case_manager")).get(reverse("core:home")).content.decode()
    assert "Outcomes to record" in home
    assert reverse("appointments:outcome", args=[mine.pk, ended.pk]) in home


@pytest.mark.django_db
def test_no_outcomes_section_for_people_who_do_not_record_them(
    world: World, signed_in: SignIn
) -> None:
    for role in ("psychologist", "senior_manager", "partner"):
        page = signed_in(world.person(role)).get(reverse("core:home")).content.decode()
        assert "Outcomes to record" not in page
    assert (
        signed_in(world.person("psychologist")).get(reverse("outcomes:to-record")).status_code
        == 403
    )


@pytest.mark.django_db
def test_the_record_page_section_keeps_a_constant_query_count(
    world: World, signed_in: SignIn
) -> None:
    from ecm.appointments import overview

    child = world.child(1)
    actor = load_actor(world.person("case_manager"))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            section = overview.section(actor, child)
        assert section is not None
        return len(captured)

    factories.outcome(factories.appointment(child))
    one = count()
    for week in range(-12, 18):
        factories.appointment(child, starts_at=factories.at(7 * week, hour=11))
    assert one == count() == 3
    assert overview.section(load_actor(world.person("partner")), child) is None


@pytest.mark.django_db
def test_activity_items_keep_a_constant_query_count(world: World) -> None:
    child = world.child(1)
    actor = load_actor(world.person("psychologist"))
    factories.outcome(factories.appointment(child), Status.LATE)

    def items() -> tuple[int, list[object]]:
        with CaptureQueriesContext(connection) as captured:
            found = activity.items(actor, child)
        return len(captured), list(found)

    queries_one, [item] = items()
    assert item.title == "One-to-one session: Attended late"  # type: ignore[attr-defined]
    assert item.kind == "Appointment"  # type: ignore[attr-defined]
    assert item.link == reverse(  # type: ignore[attr-defined]
        "appointments:detail", args=[child.pk, child.appointments.get().pk]
    )
    _weekly(child, range(-10, 19))
    queries_thirty, thirty = items()
    assert queries_one == queries_thirty == 1
    assert len(thirty) == 30
    assert activity.items(load_actor(world.person("partner")), child) == []
