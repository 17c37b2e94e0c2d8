"""The timeline demo data: rich, varied, deterministic and idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ecm.children.models import Child
from ecm.consent import demo as consent_demo
from ecm.demo import data
from ecm.demo.management.commands.load_demo_data import Command
from ecm.organisations.models import Membership, Service
from ecm.timeline import demo
from ecm.timeline.models import Status, TimelineEvent, TimelineEventRevision


def _snapshot(service: Service) -> list[tuple[object, ...]]:
    return list(
        TimelineEvent.objects.filter(child__service=service)
        .order_by("child__local_reference", "starts_on", "title")
        .values_list("child__local_reference", "title", "starts_on", "status", "visibility")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("number", [1, 2])
def test_demo_timelines(number: int) -> None:
    demo_service = data.SERVICES[number - 1]
    Command()._load_service(demo_service)
    service = Service.objects.get(code=demo_service.code)
    consent_demo.load_demo(service, number)
    created = demo.load_demo(service, number)
    assert created > 200
    first = _snapshot(service)
    assert demo.load_demo(service, number) == 0
    assert _snapshot(service) == first

    children = list(Child.objects.filter(service=service).order_by("local_reference"))
    today = timezone.localdate()
    for index, child in enumerate(children[: demo.CHILDREN]):
        events = list(TimelineEvent.objects.filter(child=child))
        accepted = [e for e in events if e.status == Status.ACCEPTED]
        assert 15 <= len(accepted) <= 40, child
        assert {"adverse", "positive"} <= {e.valence for e in accepted}
        assert len({(e.source_kind, e.source_agency_id) for e in accepted}) >= 3
        assert len({e.certainty for e in accepted}) >= 2
        # A month or a year may start before the birthday it includes.
        assert all(child.date_of_birth <= (e.ends_on or e.starts_on) for e in events)
        assert all(e.starts_on <= today for e in events)
        pending = [e for e in events if e.status == Status.PENDING]
        assert bool(pending) == (index in consent_demo.SHARED_WITH_PARTNER)
    everything = TimelineEvent.objects.filter(child__service=service)
    assert everything.filter(visibility="clinical").exists()
    assert not TimelineEvent.objects.filter(child__in=children[demo.CHILDREN :]).exists()
    partner = Membership.objects.get(service=service, user__username=f"partner-{number}")
    assert set(everything.filter(status="pending").values_list("source_agency", flat=True)) == {
        partner.agency_id
    }
    assert TimelineEventRevision.objects.filter(event__child__service=service, version=2).exists()
    assert not everything.filter(revisions__isnull=True).exists()
