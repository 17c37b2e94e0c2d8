"""Small helpers for the voice tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from ecm.children.models import Child
from ecm.consent.models import RelatedPerson
from ecm.voice.models import VoiceRecord


def voice(child: Child, person: RelatedPerson | None = None, **fields: Any) -> VoiceRecord:
    values: dict[str, Any] = {
        "what_matters": "My little brother and my dog Bobi",
        "how": "in_person",
        "recorded_on": date(2026, 6, 1),
        "recorded_with": child.case_manager,
        "recorded_by": child.case_manager,
    }
    values.update(fields)
    if "version" not in values:
        values["version"] = VoiceRecord.objects.filter(child=child, person=person).count() + 1
    return VoiceRecord.objects.create(child=child, person=person, **values)


def voice_post(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "person": "child",
        "what_matters": "Getting back into football",
        "what_helps": "When people explain things slowly",
        "what_does_not_help": "Being shouted at",
        "for_the_meeting": "",
        "who_i_trust": "Nan",
        "how": "in_person",
        "how_other": "",
        "recorded_on_day": "3",
        "recorded_on_month": "9",
        "recorded_on_year": "2026",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}
