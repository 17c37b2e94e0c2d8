"""Refusals are recorded in their own transaction, so they survive the 404 after them."""

from __future__ import annotations

import pytest
from django.http import Http404

from ecm.audit.models import AuditEvent, Verb
from ecm.audit.services import record_refusal
from ecm.conftest import World
from ecm.core.access import load_actor


@pytest.mark.django_db
def test_a_refusal_is_recorded_with_the_child_id_only(world: World) -> None:
    child = world.child(1, legal_first_name="Gwenllian")
    actor = load_actor(world.person("partner", 2))
    record_refusal(actor=actor, child_id=child.pk, what="meeting pack")
    event = AuditEvent.objects.get(verb=Verb.ACCESS_REFUSED)
    assert event.child_id == child.pk
    assert event.user_id == actor.id
    assert event.username == "partner-2"
    assert event.role == "partner"
    assert event.reason == "meeting pack"
    assert event.detail == {}
    assert "Gwenllian" not in str(event.__dict__)


@pytest.mark.django_db(transaction=True)
def test_a_refusal_survives_the_error_that_follows(world: World) -> None:
    actor = load_actor(world.person("partner", 1))

    def refused_view() -> None:
        record_refusal(actor=actor, child_id=None, what="a meeting")
        raise Http404

    with pytest.raises(Http404):
        refused_view()
    assert AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED, child_id=None).count() == 1
    assert str(Verb.ACCESS_REFUSED.label) == "Was refused access"
