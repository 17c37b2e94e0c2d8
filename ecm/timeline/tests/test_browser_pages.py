"""Real Chromium: axe-core on every timeline page, in English and Welsh, including forms
with errors, the conflict page, the review and the partner agency worker's pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from ecm.conftest import World
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.timeline.models import TimelineEvent
from ecm.timeline.tests.factories import event, share_and_invite

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


def _visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_timeline_pages_pass_axe(site: tuple[World, str], browser: Browser, language: str) -> None:
    world, base = site
    child = world.child(1, legal_first_name="Ffion", date_of_birth=date(2010, 5, 3))
    share_and_invite(child, world.agencies[1], world.person("psychologist"))
    accepted = event(child, title="Grandad died", significant=True)
    event(
        child,
        title="Won a prize",
        code="achievement",
        valence="positive",
        precision="range",
        starts_on=date(2017, 1, 1),
        ends_on=date(2019, 12, 31),
    )
    event(
        child,
        title="Disclosed in a session",
        visibility="clinical",
        contributed_by=world.person("psychologist"),
    )
    pending = event(
        child,
        title="Attendance fell",
        code="exclusion",
        status="pending",
        source_kind="agency",
        source_agency=world.agencies[1],
        contributed_by=world.person("partner"),
    )

    context = signed_in_context(browser, base, world.person("psychologist"), language)
    page = context.new_page()
    for path in [
        reverse("children:detail", args=[child.pk]),
        reverse("timeline:list", args=[child.pk]),
        reverse("timeline:list", args=[child.pk]) + "?valence=adverse&significant=yes",
        reverse("timeline:drawn", args=[child.pk]),
        reverse("timeline:review", args=[child.pk]),
        reverse("timeline:add", args=[child.pk]),
        reverse("timeline:add-several", args=[child.pk]),
        reverse("timeline:change", args=[child.pk, accepted.pk]),
        reverse("timeline:change", args=[child.pk, pending.pk]),
        reverse("timeline:history", args=[child.pk, accepted.pk]),
        reverse("timeline:merge", args=[child.pk, pending.pk]),
    ]:
        _visit(page, base + path)

    # One event with errors: an age above the child's, nothing typed lost.
    page.goto(base + reverse("timeline:add", args=[child.pk]))
    page.fill("#id_title", "Moved to Nan's")
    page.fill("#id_age", "40")
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#id_age-error")).to_be_visible()
    assert page.input_value("#id_age") == "40"
    assert page.input_value("#id_title") == "Moved to Nan's"
    assert_accessible(page)

    # Several events with a bad row.
    page.goto(base + reverse("timeline:add-several", args=[child.pk]))
    page.fill("#id_events-0-title", "Moved to Nan's")
    page.fill("#id_events-0-when_text", "2017 to 2015")
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)

    # The conflict page: someone else saves the event while this person changes it.
    page.goto(base + reverse("timeline:change", args=[child.pk, accepted.pk]))
    TimelineEvent.objects.filter(pk=accepted.pk).update(title="Grandfather died", version=5)
    submit(page, "main form button[type=submit]")
    expect(page.locator("main table").first).to_be_visible()
    assert_accessible(page)

    # Merging without choosing, then accepting twice.
    page.goto(base + reverse("timeline:merge", args=[child.pk, pending.pk]))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.goto(base + reverse("timeline:review", args=[child.pk]))
    TimelineEvent.objects.filter(pk=pending.pk).update(version=3)
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    context.close()

    # The partner agency worker's pages.
    context = signed_in_context(browser, base, world.person("partner"), language)
    page = context.new_page()
    for path in [
        reverse("core:home"),
        reverse("timeline:list", args=[child.pk]),
        reverse("timeline:add", args=[child.pk]),
        reverse("timeline:add-several", args=[child.pk]),
    ]:
        _visit(page, base + path)
    context.close()
