"""Real Chromium: axe-core on every safeguarding page, in English and Welsh, as a case
manager and as a team manager, including forms with errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.safeguarding.tests.factories import concern, escalated, referral
from ecm.transitions.tests.factories import engagement

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


@pytest.mark.parametrize("language", ["en", "cy"])
def test_safeguarding_pages_pass_axe(
    site: tuple[World, str], browser: Browser, language: str
) -> None:
    world, base = site
    child = world.child(1, legal_first_name="Ffion")
    engagement(child)
    open_concern = concern(child, during_voluntary=True)
    waiting = escalated(child)
    made = referral(open_concern)

    context = signed_in_context(browser, base, world.person("case_manager"), language)
    page = context.new_page()
    for path in [
        reverse("children:detail", args=[child.pk]),
        reverse("safeguarding:concerns", args=[child.pk]),
        reverse("safeguarding:raise", args=[child.pk]),
        reverse("safeguarding:detail", args=[child.pk, open_concern.pk]),
        reverse("safeguarding:detail", args=[child.pk, waiting.pk]),
        reverse("safeguarding:escalate", args=[child.pk, open_concern.pk]),
        reverse("safeguarding:referral-add", args=[child.pk, open_concern.pk]),
        reverse("safeguarding:referral-outcome", args=[child.pk, open_concern.pk, made.pk]),
        reverse("safeguarding:close", args=[child.pk, open_concern.pk]),
    ]:
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)

    # Raising with nothing filled in: every message, nothing lost.
    page.goto(base + reverse("safeguarding:raise", args=[child.pk]))
    page.fill("#id_what", "Came in upset")
    page.fill("#id_happened_at", "25:99")
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#id_happened_at-error")).to_be_visible()
    expect(page.locator("#id_what")).to_have_value("Came in upset")
    assert_accessible(page)

    # Escalating with a time in the past.
    page.goto(base + reverse("safeguarding:escalate", args=[child.pk, open_concern.pk]))
    page.fill("#id_due_on_year", "2020")
    submit(page, "main form button[type=submit]")
    expect(page.locator("#id_due_on-error")).to_be_visible()
    assert_accessible(page)
    context.close()

    context = signed_in_context(browser, base, world.person("team_manager"), language)
    page = context.new_page()
    for path in [
        reverse("core:home"),
        reverse("concerns:open"),
        reverse("safeguarding:respond", args=[child.pk, waiting.pk]),
    ]:
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)
    page.goto(base + reverse("safeguarding:close", args=[child.pk, waiting.pk]))
    page.check("#id_reason_4")
    submit(page, "main form button[type=submit]")
    expect(page.locator("#id_note-error")).to_be_visible()
    assert_accessible(page)
    context.close()
