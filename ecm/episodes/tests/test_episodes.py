"""The ECM journey through HTTP: refer, screen under the service's rules, consent,
move on, withdraw; with the bad input and the roles each step allows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.children.models import Child
from ecm.conftest import World
from ecm.consent.models import ConsentRecord
from ecm.eligibility.models import RuleSet, ServiceRuleSet
from ecm.episodes.models import Episode, Screening, Stage
from ecm.needs.models import ChildNeed, NeedType
from ecm.offending.models import Offence, Order

SignIn = Callable[[User], Client]
TODAY = timezone.localdate


def use_rules(world: World, key: str, route: str = "youth_justice", n: int = 1) -> RuleSet:
    rule_set = RuleSet.objects.get(key=key, version=1)
    ServiceRuleSet.objects.create(
        service=world.services[n],
        route=route,
        rule_set=rule_set,
        effective_from=date(2020, 1, 1),
    )
    return rule_set


def eligible_under_original(world: World, child: Child) -> None:
    recorder = world.person("case_manager")
    for days in (10, 40, 80, 120, 200):
        Offence.objects.create(
            child=child,
            offence_date=TODAY() - timedelta(days=days),
            description="Shoplifting",
            category="theft_and_handling",
            seriousness=2,
            outcome="referral_order",
            recorded_by=recorder,
        )
    Order.objects.create(
        child=child,
        order_type="youth_rehabilitation_order",
        start_date=TODAY() - timedelta(days=60),
        expected_end_date=TODAY() + timedelta(days=300),
        recorded_by=recorder,
    )
    for need in NeedType.objects.order_by("sort_order")[:3]:
        ChildNeed.objects.create(
            child=child, need_type=need, evidence="Seen by the team", recorded_by=recorder
        )


def referral_post(**overrides: str) -> dict[str, str]:
    today = TODAY()
    values = {
        "referred_on_day": str(today.day),
        "referred_on_month": str(today.month),
        "referred_on_year": str(today.year),
        "route": "youth_justice",
        "source": "case_manager",
        "source_agency": "",
        "reason": "Nothing offered so far has been taken up.",
        "tried_before": "",
        "urgency": "routine",
        "expected_months": "",
    }
    values.update(overrides)
    return values


def give_consent(child: Child, recorder: User) -> ConsentRecord:
    return ConsentRecord.objects.create(
        child=child,
        person=None,
        purpose="participation",
        method="signed_form",
        understanding_note="Explained with pictures; could say back what ECM is.",
        language_explained="en",
        given_on=TODAY(),
        recorded_by=recorder,
    )


@pytest.mark.django_db
def test_refer_screen_accept_consent_and_move_on(
    world: World,
    signed_in: SignIn,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    rule_set = use_rules(world, "wales-trial-original")
    child = world.child(1)
    eligible_under_original(world, child)
    case_manager = world.person("case_manager")

    cm = signed_in(case_manager)
    response = cm.post(reverse("episodes:refer", args=[child.pk]), referral_post())
    assert response.status_code == 302
    episode = Episode.objects.get(child=child)
    assert episode.stage == Stage.REFERRED

    tm = Client()
    from ecm.conftest import sign_in

    sign_in(tm, world.person("team_manager"))
    page = tm.get(reverse("episodes:screen", args=[episode.pk])).content.decode()
    assert "Wales trial (original)" in page
    assert page.count("govuk-tag--green") >= 4  # three criteria met, and eligible overall
    assert "Shoplifting" in page  # the offences counted are shown as evidence
    with django_capture_on_commit_callbacks(execute=True):
        response = tm.post(reverse("episodes:screen", args=[episode.pk]), {"decision": "accept"})
    assert response.status_code == 302
    screening = Screening.objects.get(episode=episode)
    assert screening.rule_set == rule_set
    assert screening.overall == "eligible"
    assert len(mailoutbox) == 1
    assert child.legal_last_name not in mailoutbox[0].body  # no names in e-mail

    episode.refresh_from_db()
    assert episode.stage == Stage.ACCEPTED
    move = reverse("episodes:move", args=[episode.pk])
    cm.post(move, {"to": "consent", "version": episode.version, "note": ""})
    episode.refresh_from_db()
    assert episode.stage == Stage.CONSENT

    refused = cm.post(move, {"to": "formulation", "version": episode.version, "note": ""})
    assert refused.status_code == 409
    assert "consent" in refused.content.decode().lower()
    record = give_consent(child, case_manager)
    if child.age_on(TODAY()) < child.service.carer_consent_under_age:
        child.service.carer_consent_under_age = 0
        child.service.save()
    moved = cm.post(move, {"to": "formulation", "version": episode.version, "note": ""})
    assert moved.status_code == 302
    episode.refresh_from_db()
    assert episode.stage == Stage.FORMULATION

    # Withdrawing consent stops the episode moving on, from that moment.
    record.withdrawn_on = TODAY()
    record.withdrawal_recorded_by = case_manager
    record.withdrawal_recorded_at = timezone.now()
    record.save()
    stopped = cm.post(move, {"to": "active", "version": episode.version, "note": ""})
    assert stopped.status_code == 409
    episode.refresh_from_db()
    assert episode.stage == Stage.FORMULATION
    history = list(episode.changes.values_list("to_stage", flat=True))
    assert history == ["referred", "screening", "accepted", "consent", "formulation"]
    assert AuditEvent.objects.filter(verb=Verb.SCREEN, child_id=child.pk).exists()


@pytest.mark.django_db
def test_accept_needs_eligibility_and_override_needs_a_reason(
    world: World, signed_in: SignIn
) -> None:
    use_rules(world, "wales-trial-original")
    child = world.child(1)
    episode = Episode.objects.create(
        child=child,
        stage_since=timezone.now(),
        referred_on=TODAY(),
        referred_by=world.person("case_manager"),
        source="case_manager",
        reason="Worried",
    )
    tm = signed_in(world.person("team_manager"))
    url = reverse("episodes:screen", args=[episode.pk])
    page = tm.post(url, {"decision": "accept"}).content.decode()
    assert "override, with a reason" in page
    page = tm.post(url, {"decision": "override", "reason": "  "}).content.decode()
    assert "Enter the reasons for this decision" in page
    page = tm.post(url, {"decision": "decline", "reason": "Other support"}).content.decode()
    assert "Select the reason for declining" in page
    assert not Screening.objects.exists()
    response = tm.post(url, {"decision": "override", "reason": "The psychologist agrees."})
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert screening.accepted
    assert screening.overall == "not_known"


@pytest.mark.django_db
def test_referral_bad_input_keeps_what_was_typed(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=date(2012, 5, 1))
    cm = signed_in(world.person("case_manager"))
    url = reverse("episodes:refer", args=[child.pk])
    page = cm.post(
        url,
        referral_post(referred_on_year="2011", reason="", expected_months="six"),
    ).content.decode()
    assert "Date of referral must be after the child was born" in page
    assert "Enter why the child is being referred" in page
    assert "Enter a whole number of months" in page
    assert 'value="six"' in page
    child.service.accepts_partner_referrals = True
    child.service.save()
    page = cm.post(url, referral_post(source="partner_agency")).content.decode()
    assert "Select the agency that made the referral" in page
    page = cm.post(url, referral_post(source="self")).content.decode()
    assert "Select a valid choice" in page
    assert not Episode.objects.exists()


@pytest.mark.django_db
def test_one_open_episode_at_a_time_and_re_referral_keeps_history(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    cm = signed_in(world.person("case_manager"))
    url = reverse("episodes:refer", args=[child.pk])
    assert cm.post(url, referral_post()).status_code == 302
    page = cm.post(url, referral_post()).content.decode()
    assert "already has an ECM episode in progress" in page
    first = Episode.objects.get()
    close = cm.post(
        reverse("episodes:close", args=[first.pk]),
        {"reason": "other", "note": "", "version": first.version},
    )
    assert "Enter why the episode is closing" in close.content.decode()
    cm.post(
        reverse("episodes:close", args=[first.pk]),
        {"reason": "moved_area", "note": "", "version": first.version},
    )
    assert cm.post(url, referral_post()).status_code == 302
    second = Episode.objects.exclude(pk=first.pk).get()
    page = cm.get(reverse("episodes:detail", args=[second.pk])).content.decode()
    assert reverse("episodes:detail", args=[first.pk]) in page
    overview = cm.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Moved to another area" in overview


@pytest.mark.django_db
def test_pipeline_and_funnel_for_managers(world: World, signed_in: SignIn) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            Episode.objects.create(
                child=world.child(1),
                stage_since=timezone.now(),
                referred_on=TODAY(),
                referred_by=world.person("case_manager"),
                source="case_manager",
                reason="R",
            )

    tm = signed_in(world.person("team_manager"))
    add(1)
    with CaptureQueriesContext(connection) as one:
        assert tm.get(reverse("episodes:pipeline")).status_code == 200
    add(19)
    with CaptureQueriesContext(connection) as twenty:
        page = tm.get(reverse("episodes:pipeline")).content.decode()
    assert len(one) == len(twenty)
    assert page.count("Testchild") == 20
    funnel = tm.get(reverse("episodes:funnel")).content.decode()
    assert "data:image/svg+xml;base64," in funnel
    assert "Referrals: 20" in funnel
    from ecm.organisations.models import Team

    empty = Team.objects.create(service=world.services[1], name="Prevention")
    filtered = tm.get(reverse("episodes:pipeline") + f"?team={empty.pk}").content.decode()
    assert "Testchild" not in filtered


@pytest.mark.django_db
def test_case_manager_cannot_screen(world: World, signed_in: SignIn) -> None:
    use_rules(world, "prevention", route="prevention")
    episode = Episode.objects.create(
        child=world.child(1),
        stage_since=timezone.now(),
        referred_on=TODAY(),
        route="prevention",
        referred_by=world.person("case_manager"),
        source="case_manager",
        reason="R",
    )
    cm = signed_in(world.person("case_manager"))
    response = cm.post(reverse("episodes:screen", args=[episode.pk]), {"decision": "decline"})
    assert response.status_code == 403
    assert not Screening.objects.exists()
