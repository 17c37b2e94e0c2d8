"""Small helpers for the consent tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from ecm.children.models import Child
from ecm.consent.models import ConsentRecord, RelatedPerson
from ecm.organisations.models import PartnerAgency


def person(child: Child, **fields: Any) -> RelatedPerson:
    values: dict[str, Any] = {
        "full_name": "Carys Jones",
        "relationship": "mother",
        "has_parental_responsibility": True,
        "language": "cy",
        "recorded_by": child.case_manager,
    }
    values.update(fields)
    return RelatedPerson.objects.create(child=child, **values)


def consent(
    child: Child,
    purpose: str = "participation",
    *,
    by: RelatedPerson | None = None,
    agencies: list[PartnerAgency] | None = None,
    **fields: Any,
) -> ConsentRecord:
    values: dict[str, Any] = {
        "method": "signed_form",
        "understanding_note": "" if by else "Told me back what ECM is and that they can stop",
        "language_explained": "en",
        "given_on": date(2026, 1, 5),
        "recorded_by": child.case_manager,
    }
    values.update(fields)
    if values.get("withdrawn_on"):
        values.setdefault("withdrawal_recorded_at", timezone.now())
        values.setdefault("withdrawal_recorded_by", child.case_manager)
    record = ConsentRecord.objects.create(child=child, person=by, purpose=purpose, **values)
    if agencies:
        record.agencies.set(agencies)
    return record


def consent_post(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "person": "child",
        "purpose": "participation",
        "method": "signed_form",
        "witness_name": "",
        "understanding_note": "Explained ECM back in her own words",
        "language_explained": "cy",
        "given_on_day": "3",
        "given_on_month": "9",
        "given_on_year": "2026",
        "review_on_day": "",
        "review_on_month": "",
        "review_on_year": "",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def withdraw(record: ConsentRecord, on: date) -> None:
    record.withdrawn_on = on
    record.withdrawal_recorded_at = timezone.now()
    record.withdrawal_recorded_by = record.recorded_by
    record.save()
