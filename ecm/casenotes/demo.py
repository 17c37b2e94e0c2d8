"""Invented case notes for the demo children (see ecm.demo): contacts and observations by
the case manager, supervision notes for the ECM team, a clinical note by the
psychologist, a draft and a correction.

Deterministic and idempotent: nothing is added to a service that already has notes.
Dates are relative to the day the demo is loaded, so the notes are always recent.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from ecm.accounts.models import User
from ecm.casenotes.models import CaseNote, NoteVersion
from ecm.children.models import Child
from ecm.formulation.models import FormulationReport
from ecm.organisations.models import Service

CONTACTS = (
    (
        "Session at the youth centre",
        "Played pool and talked about the week. Relaxed; said "
        "college is going better since the timetable changed.",
    ),
    (
        "Home visit with mum",
        "Mum says mornings are still hard. Agreed I will text the day before each appointment.",
    ),
    (
        "Walk and talk by the river",
        "Talks more easily while walking. Spoke about missing their nan and about the boxing club.",
    ),
    (
        "Phone call after the missed session",
        "Answered on the second try. Had overslept after "
        "a late night; agreed to keep Tuesday at 4pm.",
    ),
)
OBSERVATIONS = (
    (
        "Seemed tired and withdrawn",
        "Quiet for most of the session, eyes down. Said sleep has "
        "been poor. Will mention to the psychologist at supervision.",
    ),
    (
        "Calmer with a regular slot",
        "Arrived on time for the third week running. Regular "
        "time and place seem to help them settle.",
    ),
)


CLINICAL = (
    "The pattern fits what the formulation says about endings and loss. Keep "
    "appointments predictable and say goodbye properly at the end of each one."
)
# For a child whose formulation has not started (no report yet).
CLINICAL_BEFORE_FORMULATION = (
    "The pattern may be about endings and loss: one to explore at the formulation meeting. "
    "Until then, keep appointments predictable and say goodbye properly at the end of each one."
)


def _note(
    child: Child,
    author: User,
    days_ago: int,
    kind: str,
    title: str,
    text: str,
    *,
    visibility: str = "everyone",
    final: bool = True,
    corrects: CaseNote | None = None,
) -> CaseNote:
    now = timezone.now()
    note = CaseNote.objects.create(
        child=child,
        kind=kind,
        noted_on=timezone.localdate() - timedelta(days=days_ago),
        title=title,
        text=text,
        visibility=visibility,
        state="final" if final else "draft",
        finalised_at=now if final else None,
        corrects=corrects,
        author=author,
    )
    NoteVersion.objects.create(
        note=note,
        number=1,
        kind=kind,
        noted_on=note.noted_on,
        title=title,
        text=text,
        visibility=visibility,
        state=note.state,
        saved_by=author,
    )
    return note


def load_demo(service: Service, number: int) -> int:
    if CaseNote.objects.filter(child__service=service).exists():
        return 0
    rng = random.Random(f"ecm-demo-casenotes-{number}")
    psychologist = User.objects.get(username=f"psychologist-{number}")
    manager = User.objects.get(username=f"team-manager-{number}")
    children = list(
        Child.objects.filter(service=service, case_manager__isnull=False)
        .select_related("case_manager")
        .order_by("local_reference")[:10]
    )
    formulated = set(
        FormulationReport.objects.filter(child__in=children).values_list("child_id", flat=True)
    )
    created = 0
    for index, child in enumerate(children):
        author = child.case_manager
        assert author is not None
        for days_ago in sorted(rng.sample(range(3, 60), 2), reverse=True):
            title, text = rng.choice(CONTACTS)
            _note(child, author, days_ago, "contact", title, text)
            created += 1
        title, text = rng.choice(OBSERVATIONS)
        wrong = _note(child, author, rng.randint(2, 20), "observation", title, text)
        created += 1
        if index % 3 == 0:
            _note(
                child,
                manager,
                rng.randint(5, 25),
                "supervision",
                "Supervision: the plan for the next month",
                "Agreed to keep the same slot and to bring the psychologist to the next review.",
                visibility="ecm_team",
            )
            _note(
                child,
                psychologist,
                rng.randint(5, 25),
                "observation",
                "Consultation with the case manager",
                CLINICAL if child.pk in formulated else CLINICAL_BEFORE_FORMULATION,
                visibility="clinical",
            )
            created += 2
        if index == 1:
            _note(
                child,
                author,
                1,
                "contact",
                "Drop-in at the office (draft)",
                "Came in unannounced wanting to talk about",
                final=False,
            )
            _note(
                child,
                author,
                (timezone.localdate() - wrong.noted_on).days,
                "observation",
                f"{wrong.title} (corrected date and detail)",
                "Correction: the first note gave the wrong place. It was at school, not at the "
                "youth centre; the rest stands. " + wrong.text,
                corrects=wrong,
            )
            created += 2
    return created
