"""Moving to adult probation: the prompt from 17½, the plan and its steps, the consented
handover pack (a tagged PDF) and the review after the transfer."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pikepdf
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.offending.queries import months_before
from ecm.reminders.models import Reminder
from ecm.transitions.models import TransferReview, TransitionPlan, TransitionStep
from ecm.transitions.queries import old_enough_for_transition
from ecm.transitions.tests.factories import (
    engagement,
    episode,
    plan,
    probation,
    sharing_with,
    step,
)

SignIn = Callable[[User], Client]


def _parts(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def _aged(months: int, days: int = 0) -> date:
    return months_before(timezone.localdate(), months) - timedelta(days=days)


def _plan_post(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "views": "Nervous but ready.",
        "worries": "Starting again with someone new.",
        "practitioner": "Rhian Probert",
        "office": "Aberteifi probation office",
        **_parts("transfer_on", timezone.localdate() + timedelta(days=60)),
        "what_has_helped": "A regular slot.",
        "shared_summary": "Trusts slowly.",
        "plan_and_risks": "Keeping to the order.",
        "communication": "Short sentences.",
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
def test_the_prompt_starts_at_the_configured_age(world: World) -> None:
    child = world.child(1, date_of_birth=_aged(210))
    assert old_enough_for_transition(child)
    younger = world.child(1, date_of_birth=_aged(210) + timedelta(days=1))
    assert not old_enough_for_transition(younger)
    with override_settings(ECM_TRANSITION_PROMPT_MONTHS=204):
        assert old_enough_for_transition(younger)


@pytest.mark.django_db
def test_a_young_person_from_17_and_a_half_is_prompted_on_record_and_home(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1, date_of_birth=_aged(211))
    episode(child)
    world.child(1, date_of_birth=_aged(200))  # too young: no prompt
    client = signed_in(world.person("case_manager"))
    record = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "17 years and 6 months or older" in record
    home = client.get(reverse("core:home")).content.decode()
    assert "Young people who need a transition plan" in home
    assert child.display_name in home


@pytest.mark.django_db
def test_the_daily_prompt_emails_the_case_manager_once_with_a_link_only(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    child = world.child(1, date_of_birth=_aged(215), legal_first_name="Efa")
    episode(child)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_transition_prompts", stdout=io.StringIO())
        call_command("send_transition_prompts", stdout=io.StringIO())
    reminder = Reminder.objects.get()
    assert reminder.user == world.person("case_manager")
    assert reminder.link == reverse("transitions:index", args=[child.pk])
    assert len(mail.outbox) == 1
    assert "Efa" not in mail.outbox[0].body
    assert "Efa" not in mail.outbox[0].subject


@pytest.mark.django_db
def test_a_plan_with_steps_and_a_review_after_the_transfer(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=_aged(212))
    episode(child)
    made_engagement = engagement(child)
    client = signed_in(world.person("case_manager"))
    client.post(reverse("transitions:plan-add", args=[child.pk]), _plan_post())
    made = TransitionPlan.objects.get()
    assert made.practitioner == "Rhian Probert"
    assert AuditEvent.objects.filter(verb=Verb.RECORD_TRANSITION_PLAN).exists()
    # A second "make a plan" goes to the plan that exists.
    second = client.get(reverse("transitions:plan-add", args=[child.pk]))
    assert second["Location"] == reverse("transitions:plan-change", args=[child.pk])

    due = timezone.localdate() + timedelta(days=20)
    client.post(
        reverse("transitions:step-add", args=[child.pk]),
        {"description": "Joint appointment at the probation office", **_parts("due_on", due)},
    )
    added = TransitionStep.objects.get()
    today = timezone.localdate()
    client.post(
        reverse("transitions:step-done", args=[child.pk, added.pk]), _parts("done_on", today)
    )
    added.refresh_from_db()
    assert added.done_on == today

    review = reverse("transitions:transfer-review", args=[child.pk])
    bad = client.post(
        review,
        {
            **_parts("transferred_on", today),
            **_parts("reviewed_on", today - timedelta(days=1)),
            "how_it_went": "Well.",
        },
    )
    assert "on or after the handover" in bad.content.decode()
    client.post(
        review,
        {
            **_parts("transferred_on", today),
            **_parts("reviewed_on", today),
            "how_it_went": "Well: met Rhian three times first.",
        },
    )
    assert TransferReview.objects.get().how_it_went.startswith("Well")
    made_engagement.refresh_from_db()
    assert made_engagement.end_reason == "adult_probation"
    page = client.get(reverse("transitions:index", args=[child.pk])).content.decode()
    assert "Well: met Rhian three times first." in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"views": ""}, "Enter the young person&#x27;s views"),
        ({"practitioner": ""}, "Enter the receiving probation practitioner"),
        ({"transfer_on_day": "31", "transfer_on_month": "4"}, "must be a real date"),
        ({"transfer_on_year": "2099"}, "within 3 years"),
    ],
)
def test_bad_plans_are_refused_at_the_field(
    world: World, signed_in: SignIn, overrides: dict[str, str], message: str
) -> None:
    child = world.child(1, date_of_birth=_aged(212))
    response = signed_in(world.person("case_manager")).post(
        reverse("transitions:plan-add", args=[child.pk]), _plan_post(**overrides)
    )
    body = response.content.decode()
    assert message in body
    assert "Aberteifi probation office" in body
    assert not TransitionPlan.objects.exists()


@pytest.mark.django_db
def test_a_plan_changed_elsewhere_shows_a_conflict(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=_aged(212))
    made = plan(child)
    TransitionPlan.objects.filter(pk=made.pk).update(version=2, office="Newer office")
    response = signed_in(world.person("team_manager")).post(
        reverse("transitions:plan-change", args=[child.pk]),
        _plan_post(office="My office", version="1"),
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Newer office" in body
    assert "My office" in body


@pytest.mark.django_db
def test_the_handover_pack_needs_consent_to_share_with_probation(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1, date_of_birth=_aged(212))
    made = plan(child)
    step(made)
    client = signed_in(world.person("case_manager"))
    url = reverse("transitions:handover-pack", args=[child.pk])
    refused = client.get(url)
    assert refused.status_code == 409
    assert "in force today and naming a probation agency" in refused.content.decode()
    sharing_with(child, world.agencies[1])  # an education agency is not probation
    assert client.get(url).status_code == 409
    sharing_with(child, probation(child))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = pikepdf.open(io.BytesIO(response.content))
    assert pdf.Root.MarkInfo.Marked
    assert str(pdf.Root.Lang) == "en"
    assert AuditEvent.objects.filter(verb=Verb.DOWNLOAD_HANDOVER_PACK, child_id=child.pk).exists()


@pytest.mark.django_db
def test_the_pack_holds_what_the_young_person_agreed_to_share(world: World) -> None:
    from ecm.transitions import pack

    child = world.child(1, date_of_birth=_aged(212), communication_needs="Use pictures.")
    made = plan(child, shared_summary="Agreed: trusts slowly.", communication="Use pictures.")
    html = pack.render_html(made)
    for text in ("Agreed: trusts slowly.", "Use pictures.", "Rhian Probert", "What has helped"):
        assert text in html


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_transitions_page_query_count_does_not_grow(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=_aged(212))
    made = plan(child)
    step(made)
    engagement(child)
    client = signed_in(world.person("case_manager"))
    url = reverse("transitions:index", args=[child.pk])
    one = _queries(client, url)
    for n in range(29):
        step(made, description=f"Step {n}")
    assert _queries(client, url) == one
