"""The non-attendance pathway through HTTP: attempts to reach the family, completing the
follow-up, the psychologist's consultation before an enforcement decision for a child in
ECM, the balance written down, a team manager's sign-off, and no enforcement during
voluntary engagement."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.appointments.tests import factories
from ecm.audit.models import AuditEvent, Verb
from ecm.compliance import services
from ecm.compliance.models import (
    Attempt,
    DecisionState,
    EnforcementDecision,
    FollowUp,
    PsychologistConsultation,
)
from ecm.conftest import World
from ecm.episodes.models import Episode, Stage
from ecm.offending.models import Order, OrderType
from ecm.reminders.models import Reminder
from ecm.transitions.queries import in_voluntary_engagement
from ecm.transitions.tests import factories as transitions

SignIn = Callable[[User], Client]


def _date(prefix: str, day: Any) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def decision_post(**overrides: str) -> dict[str, str]:
    values = {
        "kind": "warning",
        "public_protection": "No new offences; low risk to others",
        "vulnerability": "Has moved home twice this month",
        "ability_to_engage": "Engages when the time suits school",
        "submission": str(uuid.uuid4()),
    }
    values.update(overrides)
    return values


def consultation_post(psychologist: User, **overrides: str) -> dict[str, str]:
    values = {
        "psychologist": str(psychologist.pk),
        **_date("consulted_on", timezone.localdate()),
        "formulation_says": "Missing appointments follow nights away from home",
        "changes": ["time", "place"],
        "change_detail": "After school, at the library near home",
        "advice": "Warn only with a plan that makes coming easier",
        "submission": str(uuid.uuid4()),
    }
    values.update(overrides)
    return values  # type: ignore[return-value]


def in_ecm(world: World, child: Any) -> None:
    Episode.objects.create(
        child=child,
        stage=Stage.ACTIVE,
        stage_since=timezone.now(),
        referred_on=timezone.localdate() - timedelta(days=90),
        referred_by=world.person("case_manager"),
        source="case_manager",
        reason="Several agencies are worried",
    )


def yro(world: World, child: Any) -> Order:
    return Order.objects.create(
        child=child,
        order_type=OrderType.YOUTH_REHABILITATION_ORDER,
        start_date=timezone.localdate() - timedelta(days=200),
        expected_end_date=timezone.localdate() + timedelta(days=200),
        recorded_by=world.person("case_manager"),
    )


@pytest.mark.django_db
def test_record_attempts_and_complete_the_follow_up(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    follow_up = factories.missed(child, days=-1)
    client = signed_in(world.person("case_manager"))
    url = reverse("compliance:attempt", args=[child.pk, follow_up.pk])
    attempt = {
        **_date("day", timezone.localdate() - timedelta(days=1)),
        "at_time": "17:30",
        "contacted": "parent_or_carer",
        "method": "phone",
        "result": "no_answer",
        "note": "Try again after school",
        "submission": str(uuid.uuid4()),
    }
    assert client.post(url, attempt).status_code == 302
    assert client.post(url, attempt).status_code == 302  # sent twice: recorded once
    assert Attempt.objects.count() == 1
    bad = client.post(url, {**attempt, "result": "", "submission": str(uuid.uuid4())})
    assert "Select the result" in bad.content.decode()
    assert "Try again after school" in bad.content.decode()
    complete = reverse("compliance:complete", args=[child.pk, follow_up.pk])
    assert "Enter the reason given" in client.post(complete, {"reason_given": ""}).content.decode()
    response = client.post(
        complete, {"reason_given": "Overslept after a late night", "welfare_concerns": ""}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.completed_at is not None
    assert client.get(complete).status_code == 302  # already complete
    page = client.get(response["Location"]).content.decode()
    assert "Overslept after a late night" in page
    assert "Try again after school" in page
    verbs = set(AuditEvent.objects.filter(child_id=child.pk).values_list("verb", flat=True))
    assert {Verb.RECORD_FOLLOW_UP_ATTEMPT, Verb.COMPLETE_FOLLOW_UP, Verb.VIEW_COMPLIANCE} <= verbs


@pytest.mark.django_db
def test_an_ecm_child_needs_the_psychologist_consulted_before_a_decision(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    in_ecm(world, child)
    yro(world, child)
    follow_up = factories.missed(child, days=-2)
    client = signed_in(world.person("case_manager"))
    decide = reverse("compliance:decision", args=[child.pk, follow_up.pk])
    response = client.post(decide, decision_post())
    page = response.content.decode()
    assert response.status_code == 200
    assert "record the consultation with the psychologist before the enforcement decision" in page
    assert 'href="#id_kind_0"' in page
    assert "Has moved home twice this month" in page  # nothing typed is lost
    assert not EnforcementDecision.objects.exists()

    psychologist = world.person("psychologist")
    consult = reverse("compliance:consultation", args=[child.pk, follow_up.pk])
    other = world.person("psychologist", 2)
    refused = client.post(consult, consultation_post(other))
    assert "Choose a clinical psychologist of the child&#x27;s service" in refused.content.decode()
    response = signed_in(psychologist).post(consult, consultation_post(psychologist))
    assert response.status_code == 302
    consultation = PsychologistConsultation.objects.get()
    assert consultation.changes == ["time", "place"]
    assert consultation.recorded_by == psychologist

    client = signed_in(world.person("case_manager"))
    assert client.post(decide, decision_post()).status_code == 302
    decision = EnforcementDecision.objects.get()
    assert decision.state == DecisionState.AWAITING_SIGN_OFF
    assert decision.order is not None
    assert AuditEvent.objects.filter(verb=Verb.RECORD_ENFORCEMENT_DECISION).exists()


@pytest.mark.django_db
def test_a_decision_without_the_balance_is_refused_at_each_field(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    follow_up = factories.missed(child)
    client = signed_in(world.person("case_manager"))
    response = client.post(
        reverse("compliance:decision", args=[child.pk, follow_up.pk]),
        decision_post(public_protection="", vulnerability=" ", ability_to_engage=""),
    )
    page = response.content.decode()
    for message, anchor in (
        ("Write down what public protection needs", "public_protection"),
        ("Write down the child&#x27;s vulnerability", "vulnerability"),
        ("Write down the child&#x27;s ability to engage", "ability_to_engage"),
    ):
        assert message in page
        assert f'href="#id_{anchor}"' in page
    assert not EnforcementDecision.objects.exists()


@pytest.mark.django_db
def test_a_warning_waits_for_a_team_managers_sign_off(
    world: World, signed_in: SignIn, django_capture_on_commit_callbacks: Any
) -> None:
    child = world.child(1)
    yro(world, child)
    follow_up = factories.missed(child)
    case_manager = world.person("case_manager")
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(case_manager).post(
            reverse("compliance:decision", args=[child.pk, follow_up.pk]), decision_post()
        )
    decision = EnforcementDecision.objects.get()
    assert (decision.state, decision.effective_on) == (DecisionState.AWAITING_SIGN_OFF, None)
    manager = world.person("team_manager")
    assert Reminder.objects.get(key=f"sign-off:{decision.pk}").user == manager
    letter = reverse("compliance:warning-letter", args=[child.pk, decision.pk])
    assert signed_in(case_manager).get(letter).status_code == 404  # not in force yet

    home = signed_in(manager).get(reverse("core:home")).content.decode()
    assert "Enforcement decisions waiting for sign-off" in home
    url = reverse("compliance:sign-off", args=[child.pk, decision.pk])
    assert signed_in(case_manager).get(url).status_code == 403
    client = signed_in(manager)
    response = client.post(url, {"agree": "no", "note": "", "version": "1"})
    assert "Say why you do not agree" in response.content.decode()
    response = client.post(url, {"agree": "yes", "note": "", "version": "1"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.IN_FORCE
    assert decision.effective_on == timezone.localdate()
    assert decision.signed_off_by == manager
    assert client.post(url, {"agree": "yes", "note": "", "version": "1"}).status_code == 302
    assert AuditEvent.objects.filter(verb=Verb.SIGN_OFF_ENFORCEMENT).count() == 1
    page = client.get(reverse("compliance:follow-up", args=[child.pk, follow_up.pk])).content
    assert b"Download the warning letter" in page


@pytest.mark.django_db
def test_a_manager_never_signs_off_their_own_decision_and_may_disagree(world: World) -> None:
    from ecm.core.access import load_actor

    child = world.child(1)
    follow_up = factories.missed(child)
    manager = world.person("team_manager")
    decision = factories.decision(follow_up, state=DecisionState.AWAITING_SIGN_OFF, by=manager)
    decision.child = child
    with pytest.raises(services.PathwayRefused):
        services.sign_off(
            actor=load_actor(manager), decision=decision, agree=True, note="", expected_version=1
        )
    other = factories.decision(
        factories.missed(child),
        state=DecisionState.AWAITING_SIGN_OFF,
        by=world.person("case_manager"),
    )
    other.child = child
    services.sign_off(
        actor=load_actor(manager),
        decision=other,
        agree=False,
        note="Try a change of time first",
        expected_version=1,
    )
    other.refresh_from_db()
    assert other.state == DecisionState.NOT_AGREED
    # A new decision can follow one that was not agreed.
    follow_up = other.follow_up
    follow_up.child = child
    again = services.record_decision(
        actor=load_actor(world.person("case_manager")),
        follow_up=follow_up,
        data={
            "kind": "acceptable",
            "public_protection": "a",
            "vulnerability": "b",
            "ability_to_engage": "c",
        },
    )
    assert again.state == DecisionState.IN_FORCE  # an acceptable absence needs no sign-off
    with pytest.raises(services.PathwayRefused):
        services.record_decision(
            actor=load_actor(world.person("case_manager")),
            follow_up=follow_up,
            data={
                "kind": "warning",
                "public_protection": "a",
                "vulnerability": "b",
                "ability_to_engage": "c",
            },
        )


@pytest.mark.django_db
def test_a_service_that_does_not_ask_for_sign_off(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    child.service.enforcement_needs_sign_off = False
    child.service.save()
    follow_up = factories.missed(child)
    signed_in(world.person("case_manager")).post(
        reverse("compliance:decision", args=[child.pk, follow_up.pk]), decision_post()
    )
    decision = EnforcementDecision.objects.get()
    assert (decision.state, decision.effective_on) == (DecisionState.IN_FORCE, timezone.localdate())


@pytest.mark.django_db
def test_no_enforcement_during_voluntary_engagement(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    transitions.engagement(child)
    assert in_voluntary_engagement(child)
    appointment = factories.appointment(child, starts_at=factories.at(-1))
    client = signed_in(world.person("case_manager"))
    client.post(
        reverse("appointments:outcome", args=[child.pk, appointment.pk]),
        {"status": "did_not_attend", "against_purpose": "Not held"},
    )
    follow_up = FollowUp.objects.get()
    assert follow_up.voluntary
    page = client.get(reverse("compliance:follow-up", args=[child.pk, follow_up.pk])).content
    assert b"this is a welfare check, with no enforcement" in page
    assert b"Record the enforcement decision" not in page
    response = client.post(
        reverse("compliance:decision", args=[child.pk, follow_up.pk]), decision_post()
    )
    assert "There is no enforcement during voluntary engagement" in response.content.decode()
    assert not EnforcementDecision.objects.exists()
    record = client.get(reverse("compliance:record", args=[child.pk])).content.decode()
    assert "The child is in voluntary engagement" in record


@pytest.mark.django_db
def test_home_page_lists_follow_ups_due(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    follow_up = factories.missed(child, days=-10)
    page = signed_in(world.person("case_manager")).get(reverse("core:home")).content.decode()
    assert "Missed appointments to follow up" in page
    assert reverse("compliance:follow-up", args=[child.pk, follow_up.pk]) in page
    assert "Overdue" in page
    assert AuditEvent.objects.filter(verb=Verb.LIST_CHILD, detail__page="home:follow-ups").exists()
