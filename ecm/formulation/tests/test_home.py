"""A submitted formulation report waits on the home page of the psychologists who can
sign it, until they have."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.core.access import load_actor
from ecm.formulation import services
from ecm.formulation.tests.factories import assess, draft
from ecm.organisations.models import Membership

pytestmark = pytest.mark.django_db

SignIn = Callable[[User], Client]
HEADING = "Formulation reports waiting for your signature"


def _submitted(world: World):  # type: ignore[no-untyped-def]
    made = draft(world)
    assess(made.child, 1)
    services.submit(actor=load_actor(world.person("psychologist")), report=made)
    return made


def test_psychologists_of_the_service_see_a_submitted_report(
    world: World, signed_in: SignIn
) -> None:
    world.services[1].requires_second_signature = True
    world.services[1].save()
    made = _submitted(world)
    second = world.person("psychologist", 2)
    Membership.objects.create(user=second, service=world.services[1], role="psychologist")
    client = signed_in(second)
    text = client.get(reverse("core:home")).content.decode()
    assert HEADING in text
    assert reverse("formulation:detail", args=[made.child_id, made.pk]) in text
    assert made.child.display_name in text
    assert AuditEvent.objects.filter(
        verb=Verb.LIST_CHILD, child_id=made.child_id, user_id=second.pk
    ).exists()
    # Once signed, it leaves their home page.
    services.approve(actor=load_actor(second), report=made)
    assert HEADING not in client.get(reverse("core:home")).content.decode()


def test_nobody_else_sees_it(world: World, signed_in: SignIn) -> None:
    made = _submitted(world)
    for user in [world.person("case_manager"), world.person("team_manager")]:
        text = signed_in(user).get(reverse("core:home")).content.decode()
        assert HEADING not in text
    other_service = signed_in(world.person("psychologist", 2)).get(reverse("core:home"))
    assert made.child.display_name not in other_service.content.decode()


def test_a_draft_is_not_waiting(world: World, signed_in: SignIn) -> None:
    draft(world)
    text = signed_in(world.person("psychologist")).get(reverse("core:home")).content.decode()
    assert HEADING not in text
