"""Attendance over time for managers (counts only), and the meetings blocks on the
child's record page and the home page."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.conftest import World
from ecm.core.access import load_actor
from ecm.meetings import attendance
from ecm.meetings.models import FormulationMeeting, Invitation, MeetingStatus
from ecm.meetings.tests.factories import meeting
from ecm.trm.models import Tier, TierAssessment

SignIn = Callable[[User], Client]
TODAY = date(2026, 11, 20)


def _held(world: World, on: date, attended: dict[int, bool], n: int = 1) -> FormulationMeeting:
    made = meeting(
        world.child(n, legal_first_name="Heledd"),
        starts_at=timezone.make_aware(datetime.combine(on, datetime.min.time())),
        status=MeetingStatus.HELD,
        welsh_offered=True,
        language_used="en",
    )
    agencies = {1: world.agencies[n], 2: world.services[n].agencies.get(name="Hafod CAMHS")}
    for key, came in attended.items():
        Invitation.objects.create(meeting=made, agency=agencies[key], attended=came)
    return made


@pytest.fixture
def tailing_off(world: World) -> World:
    world.services[1].agencies.create(name="Hafod CAMHS", kind="health")
    _held(world, date(2026, 2, 10), {1: True, 2: True})
    _held(world, date(2026, 3, 10), {1: True, 2: True})
    _held(world, date(2026, 5, 10), {1: True, 2: False})
    _held(world, date(2026, 8, 10), {1: False, 2: False})
    _held(world, date(2026, 10, 10), {1: True, 2: False})
    # Not counted: a scheduled meeting, and another service's meeting.
    made = meeting(world.child(1))
    Invitation.objects.create(meeting=made, agency=world.agencies[1])
    return world


@pytest.mark.django_db
def test_attendance_by_agency_and_quarter_shows_it_tailing_off(tailing_off: World) -> None:
    actor = load_actor(tailing_off.person("team_manager"))
    (service,) = attendance.attendance_for(actor, TODAY)
    labels = [q.start for q in service.quarters]
    assert labels == [date(2025, 7, 1), date(2025, 10, 1)] + [
        date(2026, m, 1) for m in (1, 4, 7, 10)
    ]
    rows = {row.name: [(c.attended, c.invited) for c in row.cells] for row in service.rows}
    assert rows["Agency 1"] == [(0, 0), (0, 0), (2, 2), (1, 1), (0, 1), (1, 1)]
    assert rows["Hafod CAMHS"] == [(0, 0), (0, 0), (2, 2), (0, 1), (0, 1), (0, 1)]
    assert [c.rate for c in service.total.cells] == [None, None, 100, 50, 0, 50]
    assert service.total.trend == "falling"
    assert service.summary.startswith("Yes, attendance is tailing off")
    svg = attendance.chart_svg(service)
    assert 'role="img"' in svg
    assert "<title>" in svg
    assert "<desc>" in svg
    assert "Heledd" not in svg
    assert 'fill="url(#attended)"' in svg  # a pattern, not colour alone
    assert "2 of 2" in svg


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("team_manager", 200), ("senior_manager", 200), ("case_manager", 403), ("partner", 403)],
)
def test_the_attendance_page_is_for_managers_and_shows_no_child(
    tailing_off: World, role: str, status: int, signed_in: SignIn
) -> None:
    client = signed_in(tailing_off.person(role))
    response = client.get(reverse("meetings:attendance"))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Is it tailing off?" in page
        assert "Agency 1" in page
        assert "Hafod CAMHS" in page
        assert "Heledd" not in page
        uri = page.split('src="data:image/svg+xml;base64,')[1].split('"')[0]
        assert "Heledd" not in base64.b64decode(uri).decode()


@pytest.mark.django_db
def test_attendance_page_query_count_is_the_same_for_few_and_many_meetings(
    tailing_off: World, signed_in: SignIn
) -> None:
    client = signed_in(tailing_off.person("senior_manager"))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("meetings:attendance"))
        return len(captured)

    few = count()
    for month in range(1, 10):
        _held(tailing_off, date(2026, month, 3), {1: True, 2: False})
    assert count() == few == 8


@pytest.mark.django_db
def test_the_child_page_shows_next_meeting_last_attendance_and_tier(
    world: World, signed_in: SignIn
) -> None:
    world.services[1].agencies.create(name="Hafod CAMHS", kind="health")
    child = world.child(1)
    client = signed_in(world.person("case_manager"))

    def page() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as captured:
            text = client.get(reverse("children:detail", args=[child.pk])).content.decode()
        return text, len(captured)

    empty, before = page()
    assert "None scheduled" in empty
    assert "No meeting held yet" in empty
    assert "Not assessed yet" in empty
    held = _held(world, timezone.localdate() - timedelta(days=40), {1: True, 2: False})
    held.child = child
    FormulationMeeting.objects.filter(pk=held.pk).update(child=child)
    Invitation.objects.create(meeting=held, name="Nain", attended=True)
    meeting(child, starts_at=timezone.now() + timedelta(days=5))
    for number, days in ((1, 90), (2, 60), (1, 20)):
        TierAssessment.objects.create(
            child=child,
            tier=Tier.objects.get(number=number),
            assessed_on=timezone.localdate() - timedelta(days=days),
            assessed_by=world.person("psychologist"),
            evidence="Seen",
        )
    full, after = page()
    assert before == after
    assert "2 of the 3 invited attended" in full
    assert "1 of 2 agencies" in full
    assert "Tier 1: Routine / safe base" in full
    partner = signed_in(world.person("partner"))
    assert "Formulation meetings" not in partner.get(reverse("core:home")).content.decode()
