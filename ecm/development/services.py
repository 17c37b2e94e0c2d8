"""Recording a developmental mapping: permission checked, one transaction, audited.
Mappings are never changed; a later one is added beside them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.development.ages import months_old
from ecm.development.models import DevelopmentalMapping, Domain, DomainEstimate


@dataclass(frozen=True)
class Estimate:
    domain: str
    years: int
    months: int
    evidence: str
    source: str


def _check(child: Child, mapped_on: date, estimates: list[Estimate]) -> None:
    """The rules the form explains to people, checked again here for any caller."""
    problems = []
    if mapped_on > timezone.localdate() or mapped_on < child.date_of_birth:
        problems.append("mapping date out of range")
    if not estimates:
        problems.append("no domain estimated")
    if len({e.domain for e in estimates}) != len(estimates):
        problems.append("a domain estimated twice")
    age = months_old(child.date_of_birth, mapped_on)
    for estimate in estimates:
        if estimate.domain not in Domain.values:
            problems.append("unknown domain")
        if not 0 <= estimate.months <= 11 or estimate.years < 0:
            problems.append(f"{estimate.domain}: age out of range")
        elif estimate.years * 12 + estimate.months > age:
            problems.append(f"{estimate.domain}: above the child's age")
        if not estimate.evidence.strip() or not estimate.source.strip():
            problems.append(f"{estimate.domain}: evidence and source needed")
    if problems:
        raise ValidationError("; ".join(problems))


def record_mapping(
    *,
    actor: Actor,
    child: Child,
    mapped_on: date,
    estimates: list[Estimate],
    notes: str = "",
    submission: uuid.UUID | None = None,
) -> DevelopmentalMapping:
    """Adds a mapping with an estimate for each domain assessed. A repeated
    submission (the same form sent twice) returns the mapping already added."""
    if not access.can_contribute_to_formulation_in(actor, child.service_id):
        raise PermissionDenied
    _check(child, mapped_on, estimates)
    if submission is not None:
        existing = DevelopmentalMapping.objects.filter(submission=submission, child=child).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            mapping = DevelopmentalMapping.objects.create(
                child=child,
                mapped_on=mapped_on,
                notes=notes.strip(),
                recorded_by=actor.user,
                submission=submission,
            )
            DomainEstimate.objects.bulk_create(
                DomainEstimate(
                    mapping=mapping,
                    domain=e.domain,
                    functioning_age_years=e.years,
                    functioning_age_months=e.months,
                    evidence=e.evidence.strip(),
                    source=e.source.strip(),
                )
                for e in estimates
            )
            record_event(
                actor=actor,
                verb=Verb.RECORD_DEVELOPMENT,
                child=child,
                object_type="developmental_mapping",
                object_id=mapping.pk,
                detail={
                    "mapped_on": mapped_on.isoformat(),
                    "domains": sorted(e.domain for e in estimates),
                },
            )
    except IntegrityError:
        if submission is None:
            raise
        return DevelopmentalMapping.objects.get(submission=submission, child=child)
    return mapping
