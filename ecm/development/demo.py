"""Demo data for developmental mapping: one or two mappings, months apart, for several
children in each service. Emotional and social functioning sit well below the child's
age, as they often do for children in ECM, and the second mapping shows some progress.

Deterministic and idempotent: a service whose children already have mappings is
left alone. Dates are relative to the demo's reference day, 1 September 2026.
"""

from __future__ import annotations

from datetime import date, timedelta

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.demo.data import REFERENCE_DAY
from ecm.development.ages import months_old
from ecm.development.models import DevelopmentalMapping, DomainEstimate
from ecm.organisations.models import Service

# How far below the child's age (in months) each domain sits at the first mapping.
PROFILES: tuple[dict[str, int], ...] = (
    {"emotional": 62, "social": 40, "cognitive": 24, "communication": 30, "physical": 0},
    {"emotional": 50, "social": 36, "communication": 48, "physical": 6},
    {"emotional": 70, "social": 55, "cognitive": 30, "physical": 0},
    {"emotional": 44, "social": 30, "cognitive": 14, "communication": 20},
    {"emotional": 58, "social": 46, "cognitive": 36, "communication": 40, "physical": 12},
)
# Months gained in functioning by the second mapping (the child is four months older).
PROGRESS = {"emotional": 9, "social": 6, "cognitive": 4, "communication": 5, "physical": 4}
EVIDENCE = {
    "emotional": (
        "Goes from calm to furious in seconds when plans change and needs an adult to help "
        "them settle, as a much younger child would. Finds it hard to name feelings.",
        "Clinical psychologist's observation and carer's account",
    ),
    "social": (
        "Gets on best with children three or four years younger. Turn-taking and group work "
        "at school are very hard; has one close friend.",
        "Form tutor's report",
    ),
    "cognitive": (
        "Reading age around 9 on the school's test. Working memory difficulties make "
        "instructions with several steps hard to follow.",
        "Educational psychologist's assessment",
    ),
    "communication": (
        "Understands short, concrete sentences; loses track of longer explanations and nods "
        "along rather than asking. Vocabulary for feelings is limited.",
        "Speech and language therapist's assessment",
    ),
    "physical": (
        "Manages own self-care and gets around independently. Sleep is poor and meals are "
        "irregular.",
        "School nurse and carer",
    ),
}
LATER_EVIDENCE = {
    "emotional": "Settles more quickly with a familiar adult and has started to say when "
    "they are getting wound up.",
    "social": "Joined the youth club's Thursday group and has stayed with it.",
    "cognitive": "Reading support three times a week at school; reading age up since spring.",
    "communication": "Uses the feelings cards from speech and language therapy; asks when "
    "they have not understood.",
    "physical": "Sleeping better since the new bedtime routine.",
}
# Children (by position in reference order) with a mapping; the first four have two.
MAPPED = (1, 2, 3, 4, 6, 8, 11)
MAPPED_TWICE = (1, 2, 3, 4)


def _mapping(
    child: Child, on: date, recorder: User, functioning: dict[str, int], later: bool
) -> int:
    mapping = DevelopmentalMapping.objects.create(
        child=child,
        mapped_on=on,
        recorded_by=recorder,
        notes="Reviewed at the formulation review meeting." if later else "",
    )
    assessed = (on - timedelta(days=20)).strftime("%B %Y")
    estimates = []
    for domain, months in functioning.items():
        evidence, source = EVIDENCE[domain]
        years, rest = divmod(months, 12)
        estimates.append(
            DomainEstimate(
                mapping=mapping,
                domain=domain,
                functioning_age_years=years,
                functioning_age_months=rest,
                evidence=LATER_EVIDENCE[domain] if later else evidence,
                source=f"{source}, {assessed}",
            )
        )
    DomainEstimate.objects.bulk_create(estimates)
    return 1 + len(estimates)


def load_demo(service: Service, number: int) -> int:
    if DevelopmentalMapping.objects.filter(child__service=service).exists():
        return 0
    recorder = User.objects.get(username=f"psychologist-{number}")
    children = list(Child.objects.filter(service=service).order_by("local_reference"))
    created = 0
    for turn, index in enumerate(i for i in MAPPED if i < len(children)):
        child = children[index]
        profile = PROFILES[(turn + number) % len(PROFILES)]
        first = REFERENCE_DAY - timedelta(days=200 - 7 * turn)
        age = months_old(child.date_of_birth, first)
        # Never above their age (a gap of 0 is their age), never below a year old.
        functioning = {d: max(12, age - gap) for d, gap in profile.items()}
        created += _mapping(child, first, recorder, functioning, later=False)
        if index in MAPPED_TWICE:
            second = first + timedelta(days=122)
            limit = months_old(child.date_of_birth, second)
            progressed = {d: min(limit, m + PROGRESS[d]) for d, m in functioning.items()}
            created += _mapping(child, second, recorder, progressed, later=True)
    return created
