"""Deterministic synthetic demo data: two fictional Welsh youth justice services.

Every name here is invented or drawn at random from lists of common first names
and surnames; none belongs to a real person. The same data is built every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

DEMO_PASSWORD = "ecm-demo-password"
# Published on purpose: demo accounts are never available outside demo mode.
DEMO_TOTP_SECRET = "ECMDEMOTOTPSECRETKEY2345"
REFERENCE_DAY = date(2026, 9, 1)
CHILDREN_PER_SERVICE = 30


@dataclass(frozen=True)
class DemoService:
    number: int
    code: str
    name: str
    name_cy: str
    teams: tuple[str, ...]
    agencies: tuple[tuple[str, str], ...]


SERVICES = (
    DemoService(
        1,
        "glannau-teifi",
        "Glannau Teifi Youth Justice Service",
        "Gwasanaeth Cyfiawnder Ieuenctid Glannau Teifi",
        ("North team", "South team"),
        (
            ("Ysgol Bro Teifi (education)", "education"),
            ("Glannau Teifi children's services", "social_care"),
            ("Teifi Valley CAMHS", "health"),
            ("Dyfed-Teifi Police youth unit", "police"),
            ("Teifi speech and language therapy", "speech_language"),
            ("Probation Service, West Wales", "probation"),
        ),
    ),
    DemoService(
        2,
        "bro-hafren",
        "Bro Hafren Youth Justice Service",
        "Gwasanaeth Cyfiawnder Ieuenctid Bro Hafren",
        ("East team", "West team", "Prevention team"),
        (
            ("Bro Hafren education inclusion", "education"),
            ("Bro Hafren children's social care", "social_care"),
            ("Hafren CAMHS", "health"),
            ("Hafren Police", "police"),
            ("Hafren mentoring project", "other"),
            ("Probation Service, Mid Wales", "probation"),
        ),
    ),
)

ROLES = (
    ("case-manager", "case_manager"),
    ("psychologist", "psychologist"),
    ("team-manager", "team_manager"),
    ("senior-manager", "senior_manager"),
    ("partner", "partner"),
    ("evaluator", "evaluator"),
    ("service-admin", "service_admin"),
)

STAFF_FIRST = (
    "Angharad",
    "Bethan",
    "Carwyn",
    "Delyth",
    "Emyr",
    "Gwenllian",
    "Huw",
    "Iola",
    "Meinir",
    "Owain",
    "Rhiannon",
    "Sioned",
    "Tegwen",
    "Aled",
    "Eirlys",
    "Geraint",
    "Nerys",
)
STAFF_LAST = (
    "Penhallow",
    "Treharne",
    "Caradog",
    "Maddock",
    "Prydderch",
    "Gwilym",
    "Rhydderch",
    "Tudwal",
    "Cadwgan",
    "Meirion",
)
CHILD_FIRST = (
    "Cerys",
    "Dylan",
    "Ffion",
    "Osian",
    "Megan",
    "Rhys",
    "Seren",
    "Gethin",
    "Nia",
    "Tomos",
    "Alys",
    "Iwan",
    "Lowri",
    "Callum",
    "Jac",
    "Ellie",
    "Kai",
    "Mia",
    "Tyler",
    "Jade",
    "Caio",
    "Elis",
    "Mali",
    "Harri",
    "Leah",
    "Connor",
    "Erin",
    "Macsen",
    "Tegan",
    "Brandon",
)
CHILD_LAST = (
    "Pritchard",
    "Llewelyn",
    "Bevan",
    "Gwynne",
    "Probert",
    "Tudor",
    "Vaughan",
    "Rees",
    "Hopkin",
    "Parry",
    "Kendrick",
    "Whitcombe",
    "Ashdown",
    "Merrick",
    "Colborne",
    "Penry",
)
PREFERRED = {"Callum": "Cal", "Thomas": "Tom", "Ellie": "Els", "Brandon": "Bran", "Harri": "H"}
COMMUNICATION_NEEDS = (
    "",
    "Speech and language therapy assessment found difficulty following long or complex "
    "sentences. Use short sentences and check understanding by asking them to explain back.",
    "Diagnosed with ADHD. Short sessions with movement breaks work best.",
    "Dyslexic: avoid written handouts; talk things through and use pictures.",
    "Welsh is the language at home and the child wants sessions in Welsh.",
    "Hearing loss in the left ear: sit on the child's right and face them when talking.",
    "Finds eye contact difficult; prefers to talk while walking or doing something.",
    "Autistic. Tell them about any change of plan in advance; a written timetable helps.",
    "",
    "Reads well but loses focus in busy rooms; meet somewhere quiet.",
)
ETHNICITIES = ["white_british"] * 14 + [
    "white_other",
    "mixed_white_black_caribbean",
    "mixed_white_asian",
    "black_african",
    "asian_pakistani",
    "white_gypsy",
    "not_stated",
    "other_arab",
]


def staff_name(rng: random.Random) -> str:
    return f"{rng.choice(STAFF_FIRST)} {rng.choice(STAFF_LAST)}"


@dataclass(frozen=True)
class DemoChild:
    reference: str
    first: str
    last: str
    preferred: str
    born: date
    gender: str
    ethnicity: str
    language: str
    asked: date | None
    needs: str
    team_index: int
    case_manager_index: int | None


def children_for(service: DemoService) -> list[DemoChild]:
    rng = random.Random(f"ecm-demo-children-{service.number}")
    children = []
    for i in range(CHILDREN_PER_SERVICE):
        first = rng.choice(CHILD_FIRST)
        last = rng.choice(CHILD_LAST)
        age_days = rng.randint(10 * 365, 17 * 365 + 300)
        language = "cy" if rng.random() < 0.25 else "en"
        needs = rng.choice(COMMUNICATION_NEEDS)
        if "Welsh is the language at home" in needs:
            language = "cy"
        children.append(
            DemoChild(
                reference=f"{service.code[:2].upper()}{2400 + i * 7:05d}",
                first=first,
                last=last,
                preferred=PREFERRED.get(first, "") if rng.random() < 0.6 else "",
                born=REFERENCE_DAY - timedelta(days=age_days),
                gender=rng.choice(["male"] * 6 + ["female"] * 3 + ["non_binary"]),
                ethnicity=rng.choice(ETHNICITIES),
                language=language,
                asked=None
                if rng.random() < 0.2
                else REFERENCE_DAY - timedelta(days=rng.randint(5, 300)),
                needs=needs,
                team_index=i % len(service.teams),
                # One in ten waits for allocation; the first demo case manager holds most.
                case_manager_index=None if i % 10 == 9 else (0 if i % 3 != 2 else 1 + i % 2),
            )
        )
    return children
