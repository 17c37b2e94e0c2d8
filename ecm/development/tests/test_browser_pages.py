"""Real Chromium: axe-core on every developmental mapping page, in English and Welsh."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.development.tests.factories import mapping

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


@pytest.mark.parametrize("language", ["en", "cy"])
def test_development_pages_pass_axe(
    site: tuple[World, str], browser: Browser, language: str
) -> None:
    world, base = site
    child = world.child(1, legal_first_name="Seren", date_of_birth=date(2012, 10, 1))
    first = mapping(child, date(2026, 1, 10), emotional=(8, 0), social=(10, 0), physical=(13, 0))
    mapping(
        child,
        date(2026, 6, 1),
        emotional=(9, 6),
        social=(10, 6),
        cognitive=(11, 0),
        communication=(10, 11),
    )
    empty = world.child(1, legal_first_name="Osian")

    context = signed_in_context(browser, base, world.person("psychologist"), language)
    page = context.new_page()
    paths = [
        reverse("children:detail", args=[child.pk]),
        reverse("development:index", args=[child.pk]),
        reverse("development:index", args=[empty.pk]),
        reverse("development:mapping", args=[child.pk, first.pk]),
        reverse("development:record", args=[child.pk]),
    ]
    for path in paths:
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)

    # The chart loads as an image with its text alternative.
    page.goto(base + reverse("development:index", args=[child.pk]))
    chart = page.locator("main img").first
    assert (chart.get_attribute("alt") or "").strip()
    assert page.evaluate("img => img.naturalWidth", chart.element_handle()) == 640

    # The form with errors: nothing estimated, no date; then an age above theirs.
    record = base + reverse("development:record", args=[child.pk])
    page.goto(record)
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.fill("#id_mapped_on_day", "1")
    page.fill("#id_mapped_on_month", "6")
    page.fill("#id_mapped_on_year", "2026")
    page.fill("#id_social_years", "15")
    page.fill("#id_social_evidence", "Plays with much younger children")
    page.fill("#id_social_source", "Youth worker, May 2026")
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.input_value("#id_social_evidence") == "Plays with much younger children"
    assert_accessible(page)
    page.fill("#id_social_years", "10")
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_accessible(page)
    context.close()
