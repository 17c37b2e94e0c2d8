"""The child's activity list: one chronological list from every app, filtered by kind,
limited to what the reader may see, with a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.casenotes.tests.factories import note
from ecm.conftest import World
from ecm.consent.tests.factories import consent
from ecm.offending.models import Order
from ecm.safeguarding.tests.factories import concern
from ecm.transitions.tests.factories import engagement, episode, plan, step

SignIn = Callable[[User], Client]


@pytest.mark.django_db
def test_the_list_gathers_every_app_newest_first(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    note(child, title="Contact at the youth centre", noted_on=date(2026, 10, 3))
    psychologist = world.person("psychologist")
    note(child, psychologist, title="Clinical thoughts", visibility="clinical")
    consent(child, given_on=date(2026, 9, 1))
    concern(child)
    episode(child)
    engagement(child)
    step(plan(child), done_on=timezone.localdate() - timedelta(days=1))
    response = signed_in(world.person("case_manager")).get(
        reverse("casenotes:activity", args=[child.pk])
    )
    body = response.content.decode()
    for text in (
        "Contact at the youth centre",
        "Consent given: Taking part in Enhanced Case Management",
        "Safeguarding concern raised",
        "Youth rehabilitation order began",
        "Youth rehabilitation order ended",
        "Voluntary engagement started",
        "Transition plan made",
        "Joint appointment with the probation practitioner",
    ):
        assert text in body, text
    assert "Clinical thoughts" not in body
    # The phase is plain to everyone who opens the list.
    assert "govuk-tag--turquoise" in body
    assert body.index("Contact at the youth centre") < body.index(
        "Youth rehabilitation order began"
    )
    event = AuditEvent.objects.get(verb=Verb.VIEW_ACTIVITY)
    assert event.child_id == child.pk


@pytest.mark.django_db
def test_the_list_is_filtered_by_kind(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    note(child, title="Contact at the youth centre")
    consent(child)
    client = signed_in(world.person("psychologist"))
    url = reverse("casenotes:activity", args=[child.pk])
    body = client.get(url, {"kind": "Case note"}).content.decode()
    assert "Contact at the youth centre" in body
    assert "Consent given" not in body
    # An unknown kind (for example after switching language) shows everything.
    body = client.get(url, {"kind": "Nodyn achos"}).content.decode()
    assert "Contact at the youth centre" in body
    assert "Consent given" in body


@pytest.mark.django_db
def test_other_services_and_partners_never_see_the_list(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    url = reverse("casenotes:activity", args=[child.pk])
    assert signed_in(world.person("case_manager", 2)).get(url).status_code == 404
    assert signed_in(world.person("partner")).get(url).status_code == 404


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_activity_query_count_is_the_same_for_1_and_30_items_of_each_kind(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    url = reverse("casenotes:activity", args=[child.pk])
    made = plan(child)
    engagement(child)
    episode(child)

    def one_more(n: int) -> None:
        note(child, title=f"Note {n}")
        consent(child, given_on=date(2026, 1, 1) + timedelta(days=n))
        concern(child)
        step(made, description=f"Step {n}", done_on=timezone.localdate())
        Order.objects.create(
            child=child,
            order_type="referral_order",
            start_date=date(2025, 1, 1) + timedelta(days=n),
            recorded_by=world.person("case_manager"),
        )

    one_more(0)
    one = _queries(client, url)
    for n in range(1, 30):
        one_more(n)
    assert one == _queries(client, url) == ACTIVITY_QUERIES


# Session, user and memberships (3), the child (1); each app's activity queries with
# something of every kind recorded: orders 1, consent 1, episodes 2 (moves, screenings),
# appointments 1, compliance 3, case notes 1, safeguarding 1, voluntary engagement and
# transition 4 (engagements, their reviews, the plan, its steps); the audit event (1), the
# phase tag (1) and saving the session (3).
ACTIVITY_QUERIES = 23
