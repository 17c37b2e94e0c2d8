"""The intervention catalogue: shipped types with their lowest tier, switched off or
added per service, audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.core.access import load_actor
from ecm.interventions import queries, services
from ecm.interventions.models import InterventionType
from ecm.interventions.reference import ensure_reference_data
from ecm.trm.models import Tier

pytestmark = pytest.mark.django_db


def test_the_shipped_catalogue_has_the_issues_types_with_their_tiers() -> None:
    ensure_reference_data()
    shipped = {t.code: t for t in InterventionType.objects.filter(service__isnull=True)}
    assert len(shipped) == 14
    assert shipped["victim-empathy"].lowest_tier.number == 4
    assert shipped["routine"].lowest_tier.number == 1
    assert shipped["key-worker"].lowest_tier.number == 2
    assert shipped["motivational-interviewing"].lowest_tier.number == 6
    assert all(t.name_cy for t in shipped.values())
    ensure_reference_data()
    assert InterventionType.objects.filter(service__isnull=True).count() == 14


def test_a_service_switches_types_off_and_adds_its_own(world: World) -> None:
    service = world.services[1]
    actor = load_actor(world.person("service_admin"))
    victim = InterventionType.objects.get(code="victim-empathy", service__isnull=True)
    services.set_offered(actor=actor, service=service, intervention=victim, offered=False)
    own = services.add_type(
        actor=actor,
        service=service,
        code="boxing",
        values={
            "name": "Boxing club",
            "name_cy": "Clwb bocsio",
            "lowest_tier": Tier.objects.get(number=2),
        },
    )
    offered = set(queries.offered_in(service.pk))
    assert victim not in offered
    assert own in offered
    assert own not in set(queries.offered_in(world.services[2].pk))
    assert victim in set(queries.offered_in(world.services[2].pk))
    assert AuditEvent.objects.filter(verb=Verb.CHANGE_INTERVENTIONS).count() == 2
    with pytest.raises(PermissionDenied):
        services.set_offered(
            actor=load_actor(world.person("case_manager")),
            service=service,
            intervention=victim,
            offered=True,
        )


def test_changing_an_own_type_is_conflict_safe(world: World) -> None:
    service = world.services[1]
    actor = load_actor(world.person("service_admin"))
    own = services.add_type(
        actor=actor,
        service=service,
        code="boxing",
        values={
            "name": "Boxing club",
            "name_cy": "Clwb bocsio",
            "lowest_tier": Tier.objects.get(number=2),
        },
    )
    services.update_type(
        actor=actor,
        service=service,
        intervention=own,
        values={"name": "Boxing"},
        expected_version=1,
    )
    with pytest.raises(services.InterventionConflict):
        services.update_type(
            actor=actor, service=service, intervention=own, values={"name": "X"}, expected_version=1
        )
