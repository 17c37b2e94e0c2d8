"""Real Chromium: axe-core on every formulation page, in English and Welsh, for the
psychologist and a partner agency worker; the sequencing warning on the way."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.core.access import load_actor
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.formulation.services import revise
from ecm.formulation.tests.factories import approved, assess, tier

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
def test_formulation_pages_pass_axe(
    site: tuple[World, str], browser: Browser, language: str
) -> None:
    world, base = site
    made = approved(world, tier=tier(1))
    child = made.child
    assess(child, 1)
    made.child = child
    revision = revise(actor=load_actor(world.person("psychologist")), report=made)
    item = revision.recommendations.order_by("number").first()
    assert item is not None
    ids = {"child_id": child.pk, "report_id": revision.pk}
    context = signed_in_context(browser, base, world.person("psychologist"), language)
    page = context.new_page()
    _visit(
        page,
        base,
        [
            reverse("formulation:index", args=[child.pk]),
            reverse("formulation:start", args=[child.pk]),
            reverse("formulation:detail", kwargs={"child_id": child.pk, "report_id": made.pk}),
            reverse("formulation:detail", kwargs=ids),
            reverse("formulation:edit", kwargs=ids),
            reverse("formulation:recommendation-add", kwargs=ids),
            reverse(
                "formulation:recommendation-edit", kwargs={**ids, "recommendation_id": item.pk}
            ),
            reverse("formulation:submit", kwargs=ids),
            reverse("formulation:changes", kwargs=ids),
            reverse("formulation:shared", args=[child.pk]),
            reverse("children:detail", args=[child.pk]),
        ],
    )
    # A recommendation above the child's tier: the warning names the reason.
    page.goto(base + reverse("formulation:recommendation-add", kwargs=ids))
    page.fill("#id_what", "Victim empathy sessions")
    page.select_option("#id_tier", str(tier(4).pk))
    page.select_option("#id_owner", str(child.case_manager_id))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    context.close()

    # The partner agency worker: from the child's record to what is shared with them.
    partner = signed_in_context(browser, base, world.person("partner"), language)
    partner_page = partner.new_page()
    shared = reverse("formulation:shared", args=[child.pk])
    _visit(partner_page, base, [reverse("children:detail", args=[child.pk])])
    submit(partner_page, f"main a[href='{shared}']")
    assert partner_page.url == base + shared
    assert_accessible(partner_page)
    partner.close()
