"""What consent is in force for a child, and the reads behind the consent pages.

The first functions are plain (no actor, no audit): other apps call them to decide
what consent allows, for example the episode gate before formulation. The reads
after them take the Actor, answer 404 outside the person's scope and are audited.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.consent.models import ConsentPurpose, ConsentRecord, ConsentState, RelatedPerson
from ecm.core import access
from ecm.core.access import Actor
from ecm.organisations.models import PartnerAgency

PURPOSE_ORDER = {purpose: index for index, purpose in enumerate(ConsentPurpose.values)}


def _day(on: date | None) -> date:
    return on or timezone.localdate()


def in_force_q(on: date, prefix: str = "") -> Q:
    """Consents given on or before `on` and not withdrawn by then."""
    return Q(**{f"{prefix}given_on__lte": on}) & (
        Q(**{f"{prefix}withdrawn_on__isnull": True}) | Q(**{f"{prefix}withdrawn_on__gt": on})
    )


def _in_force(child: Child, purpose: ConsentPurpose, on: date) -> QuerySet[ConsentRecord]:
    return ConsentRecord.objects.filter(child=child, purpose=purpose).filter(in_force_q(on))


def ecm_consent_in_force(child: Child, on: date | None = None) -> bool:
    """The child's own consent to take part in ECM is in force."""
    return _in_force(child, ConsentPurpose.PARTICIPATION, _day(on)).filter(person=None).exists()


def carer_consent_in_force(child: Child, on: date | None = None) -> bool:
    """A parent's or carer's consent to the child taking part in ECM is in force."""
    return (
        _in_force(child, ConsentPurpose.PARTICIPATION, _day(on))
        .filter(person__isnull=False)
        .exists()
    )


def carer_consent_required(child: Child, on: date | None = None) -> bool:
    """A carer's consent is needed too while the child is under the service's age (0: never)."""
    limit = child.service.carer_consent_under_age
    return limit > 0 and child.age_on(_day(on)) < limit


def gate_problems(child: Child, records: list[ConsentRecord], on: date) -> list[str]:
    """What is missing before ECM can go on to formulation, from records already loaded."""
    participation = [r for r in records if r.purpose == ConsentPurpose.PARTICIPATION]
    own = [r for r in participation if r.person_id is None]
    problems = []
    if not any(r.in_force(on) for r in own):
        withdrawn = [r.withdrawn_on for r in own if r.withdrawn_on and r.withdrawn_on <= on]
        if withdrawn:
            problems.append(
                _("The child withdrew their consent to take part on %(date)s")
                % {"date": formats.date_format(max(withdrawn), "j F Y")}
            )
        else:
            problems.append(
                _(
                    "The child's own consent to take part in Enhanced Case Management is "
                    "not recorded"
                )
            )
    if carer_consent_required(child, on) and not any(
        r.in_force(on) for r in participation if r.person_id is not None
    ):
        problems.append(
            _(
                "A parent's or carer's consent to take part is needed while the child is "
                "under %(age)s, and none is in force"
            )
            % {"age": child.service.carer_consent_under_age}
        )
    return problems


def consent_gate_problems(child: Child, on: date | None = None) -> list[str]:
    """Human messages of what is missing; empty when ECM can proceed to formulation."""
    records = list(ConsentRecord.objects.filter(child=child, purpose=ConsentPurpose.PARTICIPATION))
    return gate_problems(child, records, _day(on))


def sharing_agency_ids(child: Child, on: date | None = None) -> set[int]:
    """Partner agencies that a sharing consent in force names."""
    through = ConsentRecord.agencies.through
    return set(
        through.objects.filter(
            consentrecord__child=child, consentrecord__purpose=ConsentPurpose.SHARING
        )
        .filter(in_force_q(_day(on), prefix="consentrecord__"))
        .values_list("partneragency_id", flat=True)
    )


def shared_child_ids(agency_ids: list[int], on: date | None = None) -> QuerySet[Any]:
    """Ids of children whose sharing consent in force names one of these agencies
    (a subquery: partner agency workers see exactly these children)."""
    return (
        ConsentRecord.objects.filter(purpose=ConsentPurpose.SHARING, agencies__in=agency_ids)
        .filter(in_force_q(_day(on)))
        .values("child_id")
    )


def reminders_allowed(child: Child, channel: str, on: date | None = None) -> bool:
    """A reminders consent in force allows this channel ("text" or "email")."""
    records = _in_force(child, ConsentPurpose.REMINDERS, _day(on))
    return any(channel in (r.reminder_channels or []) for r in records)


def evaluation_allowed(child: Child, on: date | None = None) -> bool:
    """The child's own evaluation consent is in force and, while a carer's consent is
    required because of the child's age, a carer's too."""
    day = _day(on)
    records = list(_in_force(child, ConsentPurpose.EVALUATION, day))
    if not any(r.person_id is None for r in records):
        return False
    return not carer_consent_required(child, day) or any(r.person_id for r in records)


# Scoped, audited reads for the consent and family pages.


@dataclass(frozen=True)
class ConsentRow:
    record: ConsentRecord
    state: ConsentState
    in_force: bool
    review_due: bool
    agencies: list[PartnerAgency]


@dataclass
class PersonConsents:
    """One consenting person (the child, or one of the people around them)."""

    person: RelatedPerson | None
    rows: list[ConsentRow] = field(default_factory=list)

    @property
    def latest(self) -> dict[str, ConsentRow]:
        """The newest record for each purpose."""
        newest: dict[str, ConsentRow] = {}
        for row in self.rows:
            current = newest.get(row.record.purpose)
            if current is None or (row.record.given_on, row.record.pk) > (
                current.record.given_on,
                current.record.pk,
            ):
                newest[row.record.purpose] = row
        return newest

    @property
    def missing(self) -> list[str]:
        recorded = {row.record.purpose for row in self.rows}
        return [str(label) for value, label in ConsentPurpose.choices if value not in recorded]


@dataclass(frozen=True)
class ConsentPicture:
    child: Child
    people: list[RelatedPerson]
    groups: list[PersonConsents]
    problems: list[str]
    today: date

    @property
    def withdrawn(self) -> list[tuple[PersonConsents, ConsentRow]]:
        """Consents whose newest record is withdrawn, for a prominent warning."""
        return [
            (group, row)
            for group in self.groups
            for row in group.latest.values()
            if row.state == ConsentState.WITHDRAWN
        ]


def _row(record: ConsentRecord, on: date, agencies: list[PartnerAgency]) -> ConsentRow:
    state = record.state(on)
    return ConsentRow(
        record, state, record.in_force(on), state == ConsentState.REVIEW_DUE, agencies
    )


def picture(child: Child, on: date | None = None, *, agencies: bool = True) -> ConsentPicture:
    """Everything about a child's consent, in a fixed number of queries: three, or two
    without the agencies named by sharing consents."""
    day = _day(on)
    people = people_of(child)
    records = sorted(
        ConsentRecord.objects.filter(child=child).select_related(
            "recorded_by", "withdrawal_recorded_by"
        ),
        key=lambda r: (PURPOSE_ORDER[r.purpose], r.given_on, r.pk),
    )
    # One query for the agencies whatever the number of records (even none).
    named: dict[int, list[PartnerAgency]] = defaultdict(list)
    if agencies:
        links = ConsentRecord.agencies.through.objects.filter(consentrecord__child=child)
        for link in links.select_related("partneragency").order_by("partneragency__name"):
            named[link.consentrecord_id].append(link.partneragency)
    groups: dict[int | None, PersonConsents] = {None: PersonConsents(None)}
    groups.update({p.pk: PersonConsents(p) for p in people})
    for record in records:
        groups[record.person_id].rows.append(_row(record, day, named[record.pk]))
    return ConsentPicture(
        child=child,
        people=people,
        groups=list(groups.values()),
        problems=gate_problems(child, records, day),
        today=day,
    )


def readable_children(actor: Actor) -> QuerySet[Child]:
    """Children whose consent and family pages the person may see (never partner agencies)."""
    return Child.objects.filter(
        service_id__in=actor.service_ids_with(access.CHILD_RECORD_READERS)
    ).select_related("service", "case_manager")


def child_for(actor: Actor, child_id: int, *, verb: Verb, page: str) -> Child:
    """The child, or 404 outside the person's scope; the read is audited."""
    child = readable_children(actor).filter(pk=child_id).first()
    if child is None:
        raise Http404
    record_event(
        actor=actor,
        verb=verb,
        child=child,
        object_type="child",
        object_id=child.pk,
        detail={"page": page},
    )
    return child


def people_of(child: Child) -> list[RelatedPerson]:
    """The people around a child already read through `child_for` (no further audit)."""
    return list(RelatedPerson.objects.filter(child=child).order_by("full_name", "pk"))


def consent_page(actor: Actor, child_id: int) -> ConsentPicture:
    child = child_for(actor, child_id, verb=Verb.VIEW_CONSENTS, page="consent")
    return picture(child)


def family(actor: Actor, child_id: int) -> tuple[Child, list[RelatedPerson]]:
    child = child_for(actor, child_id, verb=Verb.VIEW_FAMILY, page="family")
    return child, people_of(child)


def get_person(actor: Actor, child_id: int, person_id: int) -> RelatedPerson:
    """One person around the child, or 404 (also when they belong to another child)."""
    person = (
        RelatedPerson.objects.filter(
            pk=person_id,
            child_id=child_id,
            child__service_id__in=actor.service_ids_with(access.CHILD_RECORD_READERS),
        )
        .select_related("child__service", "child__case_manager")
        .first()
    )
    if person is None:
        raise Http404
    record_event(
        actor=actor,
        verb=Verb.VIEW_FAMILY,
        child=person.child,
        object_type="related_person",
        object_id=person.pk,
    )
    return person


def get_consent(actor: Actor, child_id: int, consent_id: int) -> ConsentRecord:
    """One consent record of the child, or 404."""
    consent = (
        ConsentRecord.objects.filter(
            pk=consent_id,
            child_id=child_id,
            child__service_id__in=actor.service_ids_with(access.CHILD_RECORD_READERS),
        )
        .select_related("child__service", "person", "recorded_by", "withdrawal_recorded_by")
        .prefetch_related("agencies")
        .first()
    )
    if consent is None:
        raise Http404
    record_event(
        actor=actor,
        verb=Verb.VIEW_CONSENTS,
        child=consent.child,
        object_type="consent",
        object_id=consent.pk,
    )
    return consent
