"""The voice demo data: children and carers heard, some in Welsh, some asked twice."""

from __future__ import annotations

import pytest

from ecm.children.models import Child
from ecm.consent import demo as consent_demo
from ecm.demo import data
from ecm.demo.management.commands.load_demo_data import Command
from ecm.organisations.models import Service
from ecm.voice import demo, queries
from ecm.voice.models import VoiceRecord


@pytest.mark.django_db
@pytest.mark.parametrize("demo_service", data.SERVICES, ids=lambda s: s.code)
def test_demo_voices_are_varied_and_idempotent(demo_service: data.DemoService) -> None:
    Command()._load_service(demo_service)
    service = Service.objects.get(code=demo_service.code)
    consent_demo.load_demo(service, demo_service.number)
    created = demo.load_demo(service, demo_service.number)
    assert created > 15
    assert demo.load_demo(service, demo_service.number) == 0

    records = list(VoiceRecord.objects.filter(child__service=service).select_related("child"))
    assert {r.how for r in records} >= {"in_person", "written_by_child", "drawn", "phone"}
    assert any(r.person_id for r in records)  # carers too
    assert any(r.version == 2 for r in records)  # asked again
    assert all(r.recorded_on >= r.child.date_of_birth for r in records)
    in_welsh = {words[0] for words in (*demo.CHILD_CY, demo.CHILD_AGAIN_CY)}
    welsh = [r for r in records if r.person is None and r.child.language_preference == "cy"]
    assert welsh
    assert all(r.what_matters in in_welsh for r in welsh)
    assert "{name}" not in " ".join(r.what_matters + r.for_the_meeting for r in records)
    child = Child.objects.filter(service=service).order_by("local_reference")[1]
    latest = queries.latest_voices(child)
    assert latest[0].person is None
    assert latest[0].version == 2
