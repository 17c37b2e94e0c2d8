"""Invented needs, with short evidence notes, for the demo children (see ecm.demo).

Deterministic and idempotent: a child who already has needs recorded is left alone.
Children on the "ecm" demo story (ecm.offending.demo.profile) have needs that indicate
trauma; most children on the "prevention" story have complex needs without offending.
"""

from __future__ import annotations

import random

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.needs.models import ChildNeed, NeedType
from ecm.offending.demo import profile
from ecm.organisations.models import Service

# Two invented evidence notes for each need on the seeded checklist.
EVIDENCE = {
    "substance-misuse": (
        "Says they smoke cannabis most days to help them sleep. Agreed to meet the "
        "substance misuse worker.",
        "Drinking with older peers at weekends; twice taken to A&E (hospital letters, 2026).",
    ),
    "domestic-abuse": (
        "Lived with domestic abuse between their parents until age 9 (children's services "
        "chronology).",
        "Police attended the family home several times for domestic incidents while they "
        "lived there (police notifications).",
    ),
    "physical-abuse": (
        "Told their case manager they were often hit by a former partner of their mother. "
        "Referred to children's services at the time.",
        "Child protection plan for physical abuse when aged 7 to 9 (social care records).",
    ),
    "sexual-abuse": (
        "Disclosure made to a teacher in Year 8; police investigation concluded. Receiving "
        "support from a specialist service.",
        "Named as a victim in a child sexual exploitation investigation (police, 2025).",
    ),
    "exploitation": (
        "National Referral Mechanism referral made: adults made them carry drugs between "
        "towns. Reasonable grounds decision received.",
        "Found in a house used by adults to sell drugs, with large amounts of cash; "
        "missing from home several times. Exploitation screening completed.",
    ),
    "mental-health": (
        "On the CAMHS waiting list after low mood and self-harm reported by school.",
        "Sees the CAMHS practitioner fortnightly for anxiety; sleeps badly.",
    ),
    "speech-language-communication": (
        "Speech and language therapy assessment: understands much less spoken language "
        "than they appear to. Use short sentences and check understanding.",
        "Finds it hard to find the right words when stressed; screening suggests a "
        "developmental language disorder.",
    ),
    "sen-aln": (
        "Has an individual development plan at school for literacy and attention.",
        "Statement of special educational needs since primary school; reads at about age 8.",
    ),
    "neurodisability": (
        "Diagnosed with ADHD at 11; takes medication on school days only.",
        "Autism assessment under way; sensory overload in busy places.",
    ),
    "education-exclusion-neet": (
        "Permanently excluded in Year 9; on a reduced timetable at the pupil referral unit.",
        "Left school at 16 without a college place; not in education, employment or training.",
    ),
    "unsuitable-accommodation": (
        "Moved between relatives' sofas for the last two months.",
        "Living in a bed and breakfast while a home is found.",
    ),
    "care-experienced": (
        "Child looked after since age 12; living in a children's home outside the county.",
        "Was looked after from age 6 to 10, now living with their grandmother under a "
        "special guardianship order.",
    ),
    "bereavement": (
        "Their older brother died in a road accident last year; anniversary in March.",
        "Their father died when they were 11; finds Father's Day and his birthday hard.",
    ),
    "physical-health": (
        "Asthma, often without an inhaler; missed medical appointments.",
        "Dental pain for several months; no registered dentist.",
    ),
    "parental-imprisonment": (
        "Mother in prison until 2027; family time by video call every two weeks.",
        "Father serving a long sentence; the child has not seen him for two years.",
    ),
}
TRAUMA = ("domestic-abuse", "physical-abuse", "exploitation", "bereavement", "care-experienced")
OTHERS = tuple(code for code in EVIDENCE if code not in TRAUMA)


def _codes(rng: random.Random, story: str) -> list[str]:
    if story == "ecm":
        return rng.sample(TRAUMA, rng.randint(1, 3)) + rng.sample(OTHERS, rng.randint(3, 6))
    if story == "prevention":
        if rng.random() < 0.2:
            return []
        return rng.sample(list(EVIDENCE), rng.randint(3, 6))
    return rng.sample(list(EVIDENCE), rng.choice([0, 1, 2, 2, 3, 4, 5, 9]))


def load_demo(service: Service, number: int) -> int:
    officer = User.objects.get(username=f"case-manager-{number}")
    types = {need_type.code: need_type for need_type in NeedType.objects.all()}
    done = set(ChildNeed.objects.filter(child__service=service).values_list("child_id", flat=True))
    needs = []
    children = Child.objects.filter(service=service).order_by("local_reference")
    for index, child in enumerate(children):
        if child.pk in done:
            continue
        rng = random.Random(f"ecm-demo-needs-{number}-{child.local_reference}")
        for code in _codes(rng, profile(index, child)):
            if code in types:
                needs.append(
                    ChildNeed(
                        child=child,
                        need_type=types[code],
                        evidence=rng.choice(EVIDENCE[code]),
                        recorded_by=officer,
                    )
                )
    ChildNeed.objects.bulk_create(needs)
    return len(needs)
