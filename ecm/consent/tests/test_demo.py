"""The consent demo data: every state, a partner who sees a few children, idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ecm.accounts.models import User
from ecm.children import queries as children_queries
from ecm.children.models import Child
from ecm.consent import demo
from ecm.consent.models import ConsentRecord, RelatedPerson
from ecm.core.access import load_actor
from ecm.demo import data
from ecm.demo.management.commands.load_demo_data import Command
from ecm.organisations.models import AgencyKind, Service


@pytest.mark.django_db
def test_demo_has_every_state_and_is_idempotent() -> None:
    demo_service = data.SERVICES[0]
    Command()._load_service(demo_service)
    service = Service.objects.get(code=demo_service.code)
    created = demo.load_demo(service, demo_service.number)
    assert created > 40
    assert demo.load_demo(service, demo_service.number) == 0

    children = list(Child.objects.filter(service=service).order_by("local_reference"))
    assert not ConsentRecord.objects.filter(child=children[demo.NO_CONSENT_YET]).exists()
    with_people = {p.child_id for p in RelatedPerson.objects.filter(child__service=service)}
    assert len(with_people) > len(children) * 0.7
    people = list(RelatedPerson.objects.filter(child__service=service))
    welsh = sum(p.language == "cy" for p in people) / len(people)
    assert 0.1 < welsh < 0.45

    today = timezone.localdate()
    states = {r.state(today) for r in ConsentRecord.objects.filter(child__service=service)}
    assert {"in_force", "review_due", "withdrawn"} <= states
    withdrawn_sharing = ConsentRecord.objects.filter(
        child__service=service, purpose="sharing", withdrawn_on__isnull=False
    ).get()
    assert withdrawn_sharing.agencies.filter(kind=AgencyKind.EDUCATION).exists()

    partner = load_actor(User.objects.get(username="partner-1"))
    shared = list(children_queries.visible_children(partner, include_shared=True))
    assert 3 <= len(shared) <= 5
    assert withdrawn_sharing.child not in shared
