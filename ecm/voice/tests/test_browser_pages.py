"""Real Chromium: axe-core on every voice page, in English and Welsh."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.consent.tests.factories import person
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.voice.tests.factories import voice

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


@pytest.mark.parametrize("language", ["en", "cy"])
def test_voice_pages_pass_axe(site: tuple[World, str], browser: Browser, language: str) -> None:
    world, base = site
    child = world.child(1, legal_first_name="Seren", date_of_birth=date(2012, 4, 4))
    mother = person(child, full_name="Carys Penry")
    person(child, full_name="Dafydd Penry", relationship="father", language="en")
    older = voice(child, what_matters="Fy mrawd bach a'r ci", recorded_on=date(2026, 2, 1))
    voice(
        child,
        what_matters="Football on Saturdays",
        what_helps="Walking and talking",
        what_does_not_help="Being shouted at",
        for_the_meeting="I want to go back to school",
        who_i_trust="Nan",
        how="written_by_child",
        recorded_on=date(2026, 6, 1),
    )
    voice(child, mother, who_i_trust="Her aunty Lowri", how="phone")
    empty = world.child(1, legal_first_name="Osian")

    context = signed_in_context(browser, base, world.person("case_manager"), language)
    page = context.new_page()
    paths = [
        reverse("children:detail", args=[child.pk]),
        reverse("children:detail", args=[empty.pk]),
        reverse("voice:index", args=[child.pk]),
        reverse("voice:index", args=[empty.pk]),
        reverse("voice:version", args=[child.pk, older.pk]),
        reverse("voice:record", args=[child.pk]),
        reverse("voice:record", args=[child.pk]) + f"?person={mother.pk}",
    ]
    for path in paths:
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)

    # The form with errors: nothing said, no date.
    page.goto(base + reverse("voice:record", args=[child.pk]))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)

    # Keyboard and mouse: record the child's words and see them on their record.
    page.fill("#id_what_matters", "Getting my bike fixed")
    page.check("#id_how_0")
    page.fill("#id_recorded_on_day", "3")
    page.fill("#id_recorded_on_month", "9")
    page.fill("#id_recorded_on_year", "2026")
    submit(page, "main form button[type=submit]")
    assert "Getting my bike fixed" in page.content()
    assert_accessible(page)
    context.close()
