"""Real Chromium: axe-core on every consent and family page, in English and Welsh."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.consent.tests.factories import consent, person
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


@pytest.mark.parametrize("language", ["en", "cy"])
def test_consent_pages_pass_axe(site: tuple[World, str], browser: Browser, language: str) -> None:
    world, base = site
    child = world.child(1, legal_first_name="Seren", date_of_birth=date(2012, 4, 4))
    mother = person(child, full_name="Carys Penry")
    person(child, full_name="Dafydd Penry", relationship="father", language="en")
    in_force = consent(child, review_on=date(2030, 1, 1))
    consent(child, by=mother, withdrawn_on=date(2026, 3, 1))
    consent(child, "sharing", agencies=[world.agencies[1]], review_on=date(2026, 2, 1))
    consent(child, "reminders", by=mother, reminder_channels=["text", "email"])
    empty = world.child(1, legal_first_name="Osian")

    context = signed_in_context(browser, base, world.person("case_manager"), language)
    page = context.new_page()
    paths = [
        reverse("children:detail", args=[child.pk]),
        reverse("children:detail", args=[empty.pk]),
        reverse("consent:index", args=[child.pk]),
        reverse("consent:index", args=[empty.pk]),
        reverse("consent:record", args=[child.pk]),
        reverse("consent:withdraw", args=[child.pk, in_force.pk]),
        reverse("consent:family", args=[child.pk]),
        reverse("consent:family", args=[empty.pk]),
        reverse("consent:person-add", args=[child.pk]),
        reverse("consent:person-change", args=[child.pk, mother.pk]),
    ]
    for path in paths:
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)

    # Forms with errors: nothing filled in.
    for path in (
        reverse("consent:record", args=[child.pk]),
        reverse("consent:person-add", args=[child.pk]),
        reverse("consent:withdraw", args=[child.pk, in_force.pk]),
    ):
        page.goto(base + path)
        submit(page, "main form button[type=submit]")
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert_accessible(page)
    context.close()

    # A partner agency worker's list and the shared child's key facts, with nothing else
    # shared with their agency yet (the empty "Shared with your agency" block).
    partner = signed_in_context(browser, base, world.person("partner"), language)
    page = partner.new_page()
    for path in (reverse("children:list"), reverse("children:detail", args=[child.pk])):
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)
    partner.close()
