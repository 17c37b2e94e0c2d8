"""Small helpers for the safeguarding tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from ecm.children.models import Child
from ecm.safeguarding.models import Concern, Referral


def concern(child: Child, **fields: Any) -> Concern:
    values: dict[str, Any] = {
        "what": "Said an older man has been giving them lifts and money.",
        "happened_on": date(2026, 10, 20),
        "who_at_risk": ["child"],
        "immediate_action": "Told the duty social worker the same day.",
        "raised_by": child.case_manager,
    }
    values.update(fields)
    return Concern.objects.create(child=child, **values)


def escalated(child: Child, **fields: Any) -> Concern:
    now = timezone.now()
    fields.setdefault("status", "escalated")
    fields.setdefault("escalated_by", child.case_manager)
    fields.setdefault("escalated_at", now)
    fields.setdefault("response_due_at", now + timedelta(hours=4))
    return concern(child, **fields)


def referral(item: Concern, **fields: Any) -> Referral:
    values: dict[str, Any] = {
        "agency_name": "Local authority designated officer",
        "made_on": date(2026, 10, 21),
        "recorded_by": item.raised_by,
    }
    values.update(fields)
    return Referral.objects.create(concern=item, **values)


def concern_post(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "what": "Came to the session with a black eye and would not say how.",
        "happened_on_day": "20",
        "happened_on_month": "10",
        "happened_on_year": "2026",
        "happened_at": "16:30",
        "who_at_risk": ["child"],
        "at_risk_detail": "",
        "immediate_action": "Spoke to the duty social worker straight away.",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}
