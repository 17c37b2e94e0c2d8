"""Partner agency workers see a child only while a sharing consent names their agency."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World, sign_in
from ecm.consent.tests.factories import consent, person

SignIn = Callable[[User], Client]


def _withdraw(client: Client, child_id: int, consent_id: int) -> None:
    today = timezone.localdate()
    response = client.post(
        reverse("consent:withdraw", args=[child_id, consent_id]),
        {
            "withdrawn_on_day": str(today.day),
            "withdrawn_on_month": str(today.month),
            "withdrawn_on_year": str(today.year),
            "note": "",
        },
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_partner_sees_a_shared_child_until_the_moment_consent_is_withdrawn(world: World) -> None:
    shared = world.child(1, legal_first_name="Seren")
    world.child(1, legal_first_name="Gethin")  # in the service, not shared
    record = consent(shared, "sharing", agencies=[world.agencies[1]])
    partner = sign_in(Client(), world.person("partner"))
    detail = reverse("children:detail", args=[shared.pk])

    page = partner.get(detail)
    assert page.status_code == 200
    assert "Seren" in page.content.decode()
    listing = partner.get(reverse("children:list")).content.decode()
    assert "Seren" in listing
    assert "Gethin" not in listing
    assert "Children shared with you" in listing
    event = AuditEvent.objects.filter(verb=Verb.VIEW_CHILD, child_id=shared.pk).get()
    assert event.role == "partner"

    _withdraw(sign_in(Client(), world.person("case_manager")), shared.pk, record.pk)

    assert partner.get(detail).status_code == 404
    assert "Seren" not in partner.get(reverse("children:list")).content.decode()


@pytest.mark.django_db
def test_partner_sees_key_facts_only_and_never_edits(world: World) -> None:
    child = world.child(1, legal_first_name="Seren")
    other_agency = world.services[1].agencies.create(name="Hafod CAMHS", kind="health")
    consent(child, "sharing", agencies=[world.agencies[1]])
    consent(child, "sharing", agencies=[other_agency], by=person(child))
    partner = sign_in(Client(), world.person("partner"))
    text = partner.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Key facts" in text
    assert "Hafod CAMHS" not in text  # no consent details of other agencies' sharing
    assert "Consent" not in text
    assert "Who works with the child" not in text
    assert "Change the child" not in text
    for name in ("consent:index", "consent:family", "consent:consent-form"):
        assert partner.get(reverse(name, args=[child.pk])).status_code == 404
    assert partner.get(reverse("children:edit", args=[child.pk])).status_code == 404
    assert partner.post(reverse("children:edit", args=[child.pk]), {}).status_code == 404
    assert partner.get(reverse("children:new")).status_code == 403


@pytest.mark.django_db
def test_sharing_with_another_agency_or_not_yet_in_force_shows_nothing(world: World) -> None:
    child = world.child(1)
    other_agency = world.services[1].agencies.create(name="Hafod CAMHS", kind="health")
    consent(child, "sharing", agencies=[other_agency])
    consent(child, "participation")
    partner = sign_in(Client(), world.person("partner"))
    assert partner.get(reverse("children:detail", args=[child.pk])).status_code == 404
    later = world.child(1)
    consent(later, "sharing", agencies=[world.agencies[1]], given_on=date(2099, 1, 1))
    assert partner.get(reverse("children:detail", args=[later.pk])).status_code == 404
    # The other service's partner never sees service 1's children.
    consent(child, "sharing", agencies=[world.agencies[1]])
    other = sign_in(Client(), world.person("partner", 2))
    assert other.get(reverse("children:detail", args=[child.pk])).status_code == 404
    assert partner.get(reverse("children:detail", args=[child.pk])).status_code == 200


@pytest.mark.django_db
def test_partner_list_is_empty_and_says_so(world: World) -> None:
    world.child(1)
    partner = sign_in(Client(), world.person("partner"))
    page = partner.get(reverse("children:list") + "?scope=mine")
    text = page.content.decode()
    assert page.status_code == 200
    assert "shared with your agency" in text
    assert "Add a child" not in text
    home = partner.get(reverse("core:home")).content.decode()
    assert reverse("children:list") in home  # the Children navigation item


@pytest.mark.django_db
def test_other_pages_stay_closed_to_partners(world: World) -> None:
    """Pages of other apps that scope with visible_children's default (readers only)
    stay 404 for a partner, even for a shared child."""
    from ecm.children import queries as children_queries
    from ecm.core.access import load_actor

    child = world.child(1)
    consent(child, "sharing", agencies=[world.agencies[1]])
    actor = load_actor(world.person("partner"))
    assert list(children_queries.visible_children(actor)) == []
    assert list(children_queries.visible_children(actor, include_shared=True)) == [child]
