"""Real Chromium: axe-core on every meetings page, in English and Welsh, for staff,
a partner agency worker and a manager."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.meetings.models import Invitation, MeetingStatus
from ecm.meetings.tests.factories import action, invite_agency, meeting, shared_meeting
from ecm.trm.models import Tier, TierAssessment

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


def _visit(page: Any, base: str, paths: list[str]) -> None:
    for path in paths:
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_meetings_pages_pass_axe(site: tuple[World, str], browser: Browser, language: str) -> None:
    world, base = site
    upcoming = shared_meeting(world)
    child = upcoming.child
    Invitation.objects.create(meeting=upcoming, invitee=world.person("case_manager"))
    Invitation.objects.create(meeting=upcoming, name="Eirlys Jones", role_note="grandmother")
    action(upcoming)
    held = meeting(
        child,
        chair=world.person("psychologist"),
        starts_at=timezone.now() - timedelta(days=30),
        status=MeetingStatus.HELD,
        welsh_offered=True,
        language_used="cy",
        notes="Timeline built together.",
    )
    invite_agency(held, world.agencies[1], attended=True)
    TierAssessment.objects.create(
        child=child,
        tier=Tier.objects.get(number=2),
        assessed_on=timezone.localdate() - timedelta(days=30),
        assessed_by=world.person("psychologist"),
        evidence="Keeps most appointments",
        meeting=held,
    )
    named = upcoming.invitations.get(name="Eirlys Jones")

    staff = signed_in_context(browser, base, world.person("psychologist"), language)
    page = staff.new_page()
    _visit(
        page,
        base,
        [
            reverse("children:detail", args=[child.pk]),
            reverse("meetings:child", args=[child.pk]),
            reverse("meetings:schedule", args=[child.pk]),
            reverse("meetings:detail", args=[upcoming.pk]),
            reverse("meetings:detail", args=[held.pk]),
            reverse("meetings:invite", args=[upcoming.pk]),
            reverse("meetings:invitation", args=[named.pk]),
            reverse("meetings:record", args=[upcoming.pk]),
            reverse("meetings:action-add", args=[upcoming.pk]),
            reverse("meetings:tier", args=[upcoming.pk]),
            reverse("meetings:tier", args=[held.pk]),
            reverse("meetings:cancel", args=[upcoming.pk]),
        ],
    )
    # Forms with errors: nothing filled in.
    for name, target in (
        ("meetings:schedule", child.pk),
        ("meetings:invite", upcoming.pk),
        ("meetings:invitation", named.pk),
        ("meetings:action-add", upcoming.pk),
        ("meetings:tier", upcoming.pk),
    ):
        page.goto(base + reverse(name, args=[target]))
        submit(page, "main form button[type=submit]")
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert_accessible(page)
    # Marking a meeting held without the language fields.
    past = meeting(child, chair=world.person("psychologist"), starts_at=timezone.now())
    page.goto(base + reverse("meetings:record", args=[past.pk]))
    submit(page, "main form button[name=held]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    staff.close()

    # The partner agency worker: home, the child's record with what is shared with
    # their agency (the timeline and both invitations), their invitation with an error,
    # and nothing else.
    partner = signed_in_context(browser, base, world.person("partner"), language)
    page = partner.new_page()
    invitation = upcoming.invitations.get(agency=world.agencies[1])
    held_invitation = held.invitations.get(agency=world.agencies[1])
    _visit(page, base, [reverse("core:home"), reverse("children:detail", args=[child.pk])])
    expect(page.locator(f"a[href='{reverse('timeline:list', args=[child.pk])}']")).to_be_visible()
    expect(
        page.locator(f"a[href='{reverse('meetings:invitation', args=[invitation.pk])}']")
    ).to_be_visible()
    submit(page, f"a[href='{reverse('meetings:invitation', args=[held_invitation.pk])}']")
    assert page.url == base + reverse("meetings:invitation", args=[held_invitation.pk])
    expect(page.locator(f"a[href='{reverse('meetings:pack', args=[held.pk])}']")).to_be_visible()
    assert_accessible(page)
    _visit(page, base, [reverse("meetings:invitation", args=[invitation.pk])])
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    partner.close()

    # The manager's attendance over time.
    manager = signed_in_context(browser, base, world.person("team_manager"), language)
    page = manager.new_page()
    _visit(page, base, [reverse("meetings:attendance")])
    manager.close()
