"""Real Chromium: axe-core on every page in English and Welsh, and a keyboard-only journey."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from ecm.accounts import totp
from ecm.accounts.models import TOTPDevice
from ecm.children.models import Child
from ecm.conftest import World
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.organisations.models import Membership, Service

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    world = World()
    for n in (1, 2):
        for _ in range(3):
            world.child(n)
    return world, live_server.url


def visit_all(page: Page, base: str, paths: list[str], check: Callable[[Page], None]) -> None:
    for path in paths:
        response = page.goto(base + path)
        assert response is not None, path
        assert response.status < 500, path
        check(page)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_passes_axe(site: tuple[World, str], browser: Browser, language: str) -> None:
    world, base = site
    child = world.child(1, legal_first_name="Ffion")
    membership = Membership.objects.get(user=world.person("case_manager"))

    anonymous = browser.new_context(bypass_csp=True)
    anonymous.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}])
    page = anonymous.new_page()
    visit_all(
        page,
        base,
        [
            reverse("accounts:sign-in"),
            reverse("accounts:password-reset"),
            reverse("accounts:password-reset-sent"),
            reverse("accounts:password-set", args=["MQ", "set-password"]),
            reverse("accounts:password-set-done"),
            reverse("core:accessibility"),
            reverse("core:privacy"),
            "/no-such-page/",
        ],
        assert_accessible,
    )
    # A sign-in with errors, and the first sign-in steps.
    page.goto(base + reverse("accounts:sign-in"))
    submit(page, "main button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.fill("#id_username", world.person("evaluator").username)
    page.fill("#id_password", "a-long-test-password")
    submit(page, "main button[type=submit]")
    assert "/sign-in/set-up/" in page.url
    assert_accessible(page)
    submit(page, "main button[type=submit]")
    assert_accessible(page)
    anonymous.close()

    tours = {
        "case_manager": [
            reverse("core:home"),
            reverse("children:list") + "?scope=mine",
            reverse("children:list") + "?scope=service",
            reverse("children:detail", args=[child.pk]),
            reverse("children:edit", args=[child.pk]),
            reverse("children:new"),
            reverse("accounts:security"),
        ],
        "team_manager": [reverse("children:list"), reverse("organisations:figures")],
        "service_admin": [
            reverse("core:home"),
            reverse("organisations:people"),
            reverse("organisations:person-add"),
            reverse("organisations:person-change", args=[membership.pk]),
            reverse("organisations:teams"),
            reverse("organisations:team-add"),
            reverse("organisations:team-change", args=[world.teams[1].pk]),
            reverse("organisations:agency-add"),
            reverse("organisations:settings"),
            reverse("audit:children"),
            reverse("audit:child-log", args=[child.pk]),
        ],
        "partner": [reverse("core:home")],
        "evaluator": [reverse("core:home"), reverse("organisations:figures")],
    }
    for role, paths in tours.items():
        context = signed_in_context(browser, base, world.person(role), language)
        page = context.new_page()
        visit_all(page, base, paths, assert_accessible)
        if role == "case_manager":
            # Duplicate check, matches, the details form, and a form with errors.
            page.goto(base + reverse("children:new"))
            page.fill("#id_legal_first_name", "Ffion")
            page.fill("#id_legal_last_name", child.legal_last_name)
            page.fill("#id_date_of_birth_day", str(child.date_of_birth.day))
            page.fill("#id_date_of_birth_month", str(child.date_of_birth.month))
            page.fill("#id_date_of_birth_year", str(child.date_of_birth.year))
            submit(page, "main button[type=submit]")
            assert_accessible(page)
            submit(page, "main form button[type=submit]")
            assert_accessible(page)
            page.fill("#id_local_reference", "")
            submit(page, "main form button[type=submit]")
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            assert_accessible(page)
            # The conflict page: someone else saves while this person edits.
            page.goto(base + reverse("children:edit", args=[child.pk]))
            Child.objects.filter(pk=child.pk).update(version=F("version") + 1)
            page.fill("#id_communication_needs", "Meets best in the afternoon")
            submit(page, "main form button[type=submit]")
            expect(page.locator("main table").first).to_be_visible()
            assert_accessible(page)
        if role == "service_admin":
            page.goto(base + reverse("audit:children"))
            page.fill("#search", "Ffion")
            submit(page, "main button[type=submit]")
            expect(page.locator("main table")).to_be_visible()
            assert_accessible(page)
            page.goto(base + reverse("organisations:person-add"))
            submit(page, "main button[type=submit]")
            assert_accessible(page)
            # Service settings: a value out of range, then someone else saves first.
            page.goto(base + reverse("organisations:settings"))
            page.fill("#id_voluntary_review_weeks", "40")
            submit(page, "main form button[type=submit]")
            expect(page.locator("#id_voluntary_review_weeks-error")).to_be_visible()
            assert page.input_value("#id_voluntary_review_weeks") == "40"
            assert_accessible(page)
            page.fill("#id_voluntary_review_weeks", "8")
            Service.objects.filter(pk=world.services[1].pk).update(
                settings_version=F("settings_version") + 1, accepts_self_referrals=True
            )
            submit(page, "main form button[type=submit]")
            expect(page.locator("main table").first).to_be_visible()
            assert_accessible(page)
        context.close()


def tab_to(page: Page, text: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const e = document.activeElement;
                return (e.innerText || e.value || e.id || '').trim();
            }"""
        )
        if text in focused:
            return
    raise AssertionError(f"Could not reach {text!r} with the keyboard")


def test_keyboard_only_journey(site: tuple[World, str], page: Page) -> None:
    world, base = site
    user = world.person("case_manager")
    TOTPDevice.objects.create(user=user, secret=SECRET, confirmed_at=timezone.now())
    child = world.child(1, legal_first_name="Seren", legal_last_name="Penry")

    page.goto(base + reverse("accounts:sign-in"))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className").startswith("govuk-skip-link")
    tab_to(page, "id_username")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type("a-long-test-password")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sign-in/code/")
    tab_to(page, "id_code")
    page.keyboard.type(totp.current_code(SECRET))
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")

    tab_to(page, "Children")
    page.keyboard.press("Enter")
    page.wait_for_url("**/children/**")
    tab_to(page, "Seren Penry")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/children/{child.pk}/")
    tab_to(page, "Change the child")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/children/{child.pk}/edit/")
    tab_to(page, "id_communication_needs")
    page.keyboard.type("Prefers to meet at the youth centre")
    tab_to(page, "Save changes")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/children/{child.pk}/")
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert "Prefers to meet at the youth centre" in page.content()


def test_works_without_javascript(site: tuple[World, str], browser: Browser) -> None:
    world, base = site
    user = world.person("team_manager")
    TOTPDevice.objects.create(user=user, secret=SECRET, confirmed_at=timezone.now())
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + reverse("accounts:sign-in"))
    submit(page, "text=Cymraeg")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "a-long-test-password")
    submit(page, "main button[type=submit]")
    page.fill("#id_code", totp.current_code(SECRET))
    submit(page, "main button[type=submit]")
    page.goto(base + reverse("children:list") + "?scope=service")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("main table tbody tr").count() == 3
    context.close()
