"""Eight people recording the same child's words at once: every record is kept, each
with its own version (PostgreSQL, real threads)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connections

from ecm.conftest import World
from ecm.core.access import load_actor
from ecm.voice import services
from ecm.voice.models import VoiceRecord

RECORDERS = 8
EACH = 5


@pytest.mark.postgres
@pytest.mark.commits
def test_versions_are_unique_when_recording_at_once() -> None:
    world = World()
    child = world.child(1)
    actor = load_actor(world.person("case_manager"))
    errors: list[BaseException] = []

    def recorder(index: int) -> None:
        try:
            for turn in range(EACH):
                services.record_voice(
                    actor=actor,
                    child=child,
                    person=None,
                    answers={"what_matters": f"{index}-{turn}"},
                    how="in_person",
                    recorded_on=date(2026, 6, 1),
                    recorded_with=world.person("case_manager"),
                )
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=recorder, args=(i,)) for i in range(RECORDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    records = VoiceRecord.objects.filter(child=child)
    assert sorted(r.version for r in records) == list(range(1, RECORDERS * EACH + 1))
    assert len({r.what_matters for r in records}) == RECORDERS * EACH
