"""axe-core on every referral, screening, episode and eligibility page, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.eligibility.models import RuleSet, ServiceRuleSet
from ecm.episodes.models import Episode, Screening, Stage, StageChange

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_episode_pages_pass_axe(
    transactional_db: None, live_server: Any, browser: Browser, language: str
) -> None:
    base = live_server.url
    world = World()

    rule_set = RuleSet.objects.get(key="prevention")
    ServiceRuleSet.objects.create(
        service=world.services[1],
        route="youth_justice",
        rule_set=rule_set,
        effective_from=timezone.localdate(),
    )
    child = world.child(1)
    screened = world.child(1)
    episode = Episode.objects.create(
        child=child,
        stage_since=timezone.now(),
        referred_on=timezone.localdate(),
        referred_by=world.person("case_manager"),
        source="case_manager",
        reason="Worried",
    )
    done = Episode.objects.create(
        child=screened,
        stage=Stage.ACCEPTED,
        stage_since=timezone.now(),
        referred_on=timezone.localdate(),
        referred_by=world.person("case_manager"),
        source="case_manager",
        reason="Worried",
    )
    StageChange.objects.create(
        episode=done, to_stage=Stage.ACCEPTED, at=timezone.now(), by=world.person("team_manager")
    )
    Screening.objects.create(
        episode=done,
        rule_set=rule_set,
        evaluated_on=timezone.localdate(),
        results=[{"kind": "age_range", "outcome": "met", "summary": "Aged 15", "evidence": []}],
        overall="eligible",
        decision="accept",
        decided_by=world.person("team_manager"),
        decided_at=timezone.now(),
    )

    context = signed_in_context(browser, base, world.person("case_manager"), language)
    page = context.new_page()
    for path in (
        reverse("episodes:refer", args=[world.child(1).pk]),
        reverse("episodes:detail", args=[episode.pk]),
        reverse("episodes:detail", args=[done.pk]),
        reverse("episodes:close", args=[done.pk]),
        reverse("children:detail", args=[screened.pk]),
        reverse("core:home"),
    ):
        page.goto(base + path)
        assert_accessible(page)
    page.goto(base + reverse("episodes:refer", args=[world.child(1).pk]))
    page.fill("#id_reason", "")
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    # The gate refusing a move shows as an error on the episode page.
    page.goto(base + reverse("episodes:detail", args=[done.pk]))
    submit(page, "main form button[type=submit] >> nth=0")
    page.goto(base + reverse("episodes:detail", args=[done.pk]))
    submit(page, "main form button[type=submit] >> nth=0")
    assert_accessible(page)
    context.close()

    context = signed_in_context(browser, base, world.person("team_manager"), language)
    page = context.new_page()
    for path in (
        reverse("episodes:screen", args=[episode.pk]),
        reverse("episodes:pipeline"),
        reverse("episodes:funnel"),
    ):
        page.goto(base + path)
        assert_accessible(page)
    page.goto(base + reverse("episodes:screen", args=[episode.pk]))
    submit(page, "main form button[type=submit]")
    assert_accessible(page)
    context.close()

    context = signed_in_context(browser, base, world.person("service_admin"), language)
    page = context.new_page()
    for path in (
        reverse("eligibility:rules"),
        reverse("eligibility:rule-set", args=[rule_set.pk]),
        reverse("eligibility:publish") + f"?from={rule_set.pk}",
    ):
        page.goto(base + path)
        assert_accessible(page)
    page.goto(base + reverse("eligibility:publish"))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    context.close()
