"""Demo data for consent: invented parents and carers, and consent in every state.

Deterministic (seeded by the service number) and idempotent: a service whose
children already have people or consent recorded is left as it is. Dates are
relative to the demo's reference day, 1 September 2026.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.consent.models import ConsentRecord, RelatedPerson
from ecm.demo.data import REFERENCE_DAY
from ecm.organisations.models import AgencyKind, Membership, PartnerAgency, Role, Service

PARENT_FIRST = {
    "female": ("Carys", "Nia", "Sarah", "Angharad", "Lisa", "Eleri", "Kelly", "Sian", "Agnieszka"),
    "male": ("Gareth", "Dafydd", "Mark", "Rhodri", "Lee", "Iwan", "Darren", "Huw", "Tomasz"),
}
CARERS = (
    ("mother", "female", True),
    ("mother", "female", True),
    ("father", "male", True),
    ("grandparent", "female", False),
    ("foster_carer", "female", False),
    ("kinship_carer", "female", True),
    ("step_parent", "male", False),
)
OTHER_LANGUAGES = ("Polish", "Arabic", "Romanian")
UNDERSTANDING = (
    "Explained ECM back in their own words: the team and the psychologist help work out "
    "what has happened and what will help. Knows they can stop at any time.",
    "Read the information sheet together. Asked good questions about who would see the "
    "report, and said back that saying no would not get them into trouble.",
    "Used pictures to explain. Could say what they were agreeing to and who to tell if "
    "they change their mind.",
)
WITNESSES = ("Owain Treharne", "Meinir Gwilym", "Eirlys Caradog")
# Children (by position in reference order) whose sharing consent names the demo
# partner's agency; child 10's was withdrawn, so the partner sees the first four.
SHARED_WITH_PARTNER = (1, 2, 4, 9)
SHARING_WITHDRAWN = 10
PARTICIPATION_WITHDRAWN = 5
REVIEW_DUE = (3, 11, 14)
# A child whose referral is still being screened (ecm.episodes.demo): no consent yet.
NO_CONSENT_YET = 8


def _partner_agency(service: Service, number: int, agencies: list[PartnerAgency]) -> PartnerAgency:
    membership = (
        Membership.objects.filter(
            service=service, role=Role.PARTNER, user__username=f"partner-{number}"
        )
        .select_related("agency")
        .first()
    )
    if membership is not None and membership.agency is not None:
        return membership.agency
    education = [a for a in agencies if a.kind == AgencyKind.EDUCATION]
    return (education or agencies)[0]


def _add_people(
    rng: random.Random, child: Child, recorder: User, index: int
) -> list[RelatedPerson]:
    if index % 8 == 6:
        # Not every child has a parent or carer recorded yet (none of those in
        # formulation, whose carer's consent is needed while they are under 16).
        return []
    people = []
    for relationship, sex, responsibility in rng.sample(CARERS, 2 if rng.random() < 0.4 else 1):
        roll = rng.random()
        language = "cy" if roll < 0.25 else "other" if roll < 0.3 else "en"
        asked = None if rng.random() < 0.1 else REFERENCE_DAY - timedelta(rng.randint(10, 200))
        first = rng.choice(PARENT_FIRST[sex])
        people.append(
            RelatedPerson.objects.create(
                child=child,
                full_name=f"{first} {child.legal_last_name}",
                relationship=relationship,
                has_parental_responsibility=responsibility,
                phone=f"07700 900{rng.randint(100, 999)}",
                email=f"{first.lower()}.demo@example.invalid" if rng.random() < 0.5 else "",
                language=language,
                language_other=rng.choice(OTHER_LANGUAGES) if language == "other" else "",
                language_asked_on=asked,
                recorded_by=recorder,
            )
        )
    return people


def _consent(
    rng: random.Random,
    child: Child,
    recorder: User,
    purpose: str,
    given_on: date,
    *,
    person: RelatedPerson | None = None,
    agencies: list[PartnerAgency] | None = None,
    channels: list[str] | None = None,
    review_on: date | None = None,
    withdrawn_on: date | None = None,
    note: str = "",
) -> ConsentRecord:
    verbal = rng.random() < 0.2
    language = person.language if person else child.language_preference
    record = ConsentRecord.objects.create(
        child=child,
        person=person,
        purpose=purpose,
        reminder_channels=channels or [],
        method="verbal_with_witness" if verbal else "signed_form",
        witness_name=rng.choice(WITNESSES) if verbal else "",
        understanding_note="" if person else rng.choice(UNDERSTANDING),
        language_explained=language,
        given_on=given_on,
        review_on=review_on or given_on + timedelta(days=365),
        recorded_by=recorder,
    )
    if agencies:
        record.agencies.set(agencies)
    if withdrawn_on is not None:
        ConsentRecord.objects.filter(pk=record.pk).update(
            withdrawn_on=withdrawn_on,
            withdrawal_note=note,
            withdrawal_recorded_by=recorder,
            withdrawal_recorded_at=record.recorded_at + timedelta(days=1),
        )
    return record


def load_demo(service: Service, number: int) -> int:
    children = list(Child.objects.filter(service=service).order_by("local_reference"))
    if (
        RelatedPerson.objects.filter(child__service=service).exists()
        or ConsentRecord.objects.filter(child__service=service).exists()
    ):
        return 0
    rng = random.Random(f"ecm-demo-consent-{number}")
    recorder = User.objects.get(username=f"case-manager-{number}")
    agencies = list(PartnerAgency.objects.filter(service=service).order_by("name"))
    partner_agency = _partner_agency(service, number, agencies)
    others = [a for a in agencies if a != partner_agency]
    created = 0
    for index, child in enumerate(children):
        people = _add_people(rng, child, recorder, index)
        created += len(people)
        if index == NO_CONSENT_YET:
            continue
        given = REFERENCE_DAY - timedelta(days=rng.randint(30, 240))
        review = REFERENCE_DAY - timedelta(days=10) if index in REVIEW_DUE else None
        withdrawn = None
        note = ""
        if index == PARTICIPATION_WITHDRAWN:
            withdrawn = REFERENCE_DAY - timedelta(days=20)
            note = "Said they want a break from it. We will ask again after the summer."
        _consent(
            rng,
            child,
            recorder,
            "participation",
            given,
            review_on=review,
            withdrawn_on=withdrawn,
            note=note,
        )
        created += 1
        if people and service.carer_consent_under_age > child.age_on(REFERENCE_DAY):
            _consent(rng, child, recorder, "participation", given, person=people[0])
            created += 1
        if index in SHARED_WITH_PARTNER or index == SHARING_WITHDRAWN:
            named = [partner_agency, *rng.sample(others, min(len(others), rng.randint(0, 2)))]
            _consent(
                rng,
                child,
                recorder,
                "sharing",
                given,
                agencies=named,
                withdrawn_on=REFERENCE_DAY - timedelta(days=5)
                if index == SHARING_WITHDRAWN
                else None,
                note="Does not want school to know any more." if index == SHARING_WITHDRAWN else "",
            )
            created += 1
        elif others and index % 3 == 0:
            _consent(rng, child, recorder, "sharing", given, agencies=rng.sample(others, 1))
            created += 1
        if index % 3 == 1:
            channels = rng.choice([["text"], ["email"], ["email", "text"]])
            carer = people[0] if people and rng.random() < 0.5 else None
            _consent(rng, child, recorder, "reminders", given, person=carer, channels=channels)
            created += 1
        if index % 4 == 2:
            _consent(rng, child, recorder, "evaluation", given)
            created += 1
    return created
