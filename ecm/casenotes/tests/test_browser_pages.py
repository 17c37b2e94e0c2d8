"""Real Chromium: axe-core on every case notes page and the activity list, in English
and Welsh, including a form with errors and a conflict."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from ecm.casenotes.models import CaseNote
from ecm.casenotes.tests.factories import note
from ecm.conftest import World
from ecm.consent.tests.factories import consent
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.safeguarding.tests.factories import concern
from ecm.transitions.tests.factories import engagement

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


@pytest.mark.parametrize("language", ["en", "cy"])
def test_case_notes_pages_pass_axe(
    site: tuple[World, str], browser: Browser, language: str
) -> None:
    world, base = site
    child = world.child(1, legal_first_name="Ffion")
    final = note(child, title="Met at the youth centre")
    note(child, title="Corrected: met at school", corrects=final)
    draft = note(child, title="Half written", final=False)
    consent(child)
    concern(child)
    engagement(child)

    context = signed_in_context(browser, base, world.person("case_manager"), language)
    page = context.new_page()
    for path in [
        reverse("children:detail", args=[child.pk]),
        reverse("casenotes:index", args=[child.pk]),
        reverse("casenotes:index", args=[child.pk]) + "?kind=contact",
        reverse("casenotes:add", args=[child.pk]),
        reverse("casenotes:detail", args=[child.pk, final.pk]),
        reverse("casenotes:detail", args=[child.pk, draft.pk]),
        reverse("casenotes:change", args=[child.pk, draft.pk]),
        reverse("casenotes:change", args=[child.pk, final.pk]),
        reverse("casenotes:correct", args=[child.pk, final.pk]),
        reverse("casenotes:activity", args=[child.pk]),
    ]:
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)

    # The add form with errors: the summary and the messages at the fields.
    page.goto(base + reverse("casenotes:add", args=[child.pk]))
    page.fill("#id_noted_on_day", "31")
    page.fill("#id_noted_on_month", "2")
    page.fill("#id_noted_on_year", "2026")
    page.fill("#id_text", "What I typed stays")
    submit(page, "button[value=final]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#id_noted_on-error")).to_be_visible()
    expect(page.locator("#id_text")).to_have_value("What I typed stays")
    assert_accessible(page)

    # A draft saved in another window meanwhile: the conflict table.
    page.goto(base + reverse("casenotes:change", args=[child.pk, draft.pk]))
    CaseNote.objects.filter(pk=draft.pk).update(version=5, title="Saved elsewhere")
    submit(page, "button[value=draft]")
    expect(page.locator("main table").first).to_be_visible()
    assert_accessible(page)

    # The activity list filtered by one kind.
    page.goto(base + reverse("casenotes:activity", args=[child.pk]))
    page.select_option("#kind", index=1)
    submit(page, "main form button[type=submit]")
    expect(page.locator("main table")).to_be_visible()
    assert_accessible(page)
    context.close()
