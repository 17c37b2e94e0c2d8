"""Demo: for each child with an approved formulation report (made by
ecm/formulation/demo.py, run first from here as it is idempotent), the plan made
from its recommendations and being worked (the first item in progress, one done),
"My plan" for the child in Welsh and English and one for the carer. The plan of the
first such child was last reviewed before the child's latest tier, so its case
manager sees the change highlighted.

Deterministic and idempotent: a child who already has a plan is left as it is.
"""

from __future__ import annotations

import importlib

from django.db import transaction
from django.utils import translation

from ecm.children.models import Child
from ecm.formulation.queries import approved_report
from ecm.organisations.models import Service
from ecm.plans import drafts, queries
from ecm.plans.models import MyPlan, Plan, PlanItem
from ecm.trm.models import TierAssessment
from ecm.voice.queries import latest_voices

WORDS = {
    "en": {
        "worker": "Your worker is {name}. You will meet {name} every Tuesday at 4pm, in the "
        "same room. You can ask {name} anything.",
        "first_steps": "First, we will meet at the same time and place each week.\n"
        "This helps you know what comes next.\nLater, we will do other work together. "
        "We will tell you before it starts.",
        "get_help": "If you need help, call {name}. If you feel unsafe, call 999. You can "
        "call Childline free on 0800 1111, day or night.",
    },
    "cy": {
        "worker": "Dy weithiwr di yw {name}. Byddi di'n cwrdd â {name} bob dydd Mawrth am 4, "
        "yn yr un ystafell. Gelli di ofyn unrhyw beth i {name}.",
        "first_steps": "Yn gyntaf, byddwn ni'n cwrdd yr un amser a'r un lle bob wythnos.\n"
        "Mae hyn yn dy helpu di i wybod beth sy'n dod nesaf.\nWedyn, byddwn ni'n gwneud "
        "gwaith arall gyda'n gilydd. Byddwn ni'n dweud wrthot ti cyn iddo ddechrau.",
        "get_help": "Os wyt ti angen help, ffonia {name}. Os wyt ti'n teimlo'n anniogel, "
        "ffonia 999. Mae Meic am ddim ar 080880 23456.",
    },
}


def _formulation_demo(service: Service, number: int) -> int:
    try:
        module = importlib.import_module("ecm.formulation.demo")
    except ModuleNotFoundError:
        return 0
    made: int = module.load_demo(service, number)
    return made


def _plan_for(child: Child, first: bool) -> int:
    report = approved_report(child)
    if report is None or child.case_manager is None:
        return 0
    assessments = list(TierAssessment.objects.filter(child=child).order_by("-assessed_on", "-pk"))
    seen: TierAssessment | None = assessments[0] if assessments else None
    if first and len(assessments) > 1:
        seen = assessments[1]
    Plan.objects.create(child=child, report=report, created_by=child.case_manager, tier_seen=seen)
    created = 1
    for rec in report.recommendations.order_by("number", "pk"):
        PlanItem.objects.create(
            child=child,
            recommendation=rec,
            number=rec.number,
            what=rec.what,
            why=rec.why,
            intervention_id=rec.intervention_id,
            tier_id=rec.tier_id,
            owner_id=rec.owner_id or child.case_manager_id,
            starts_on=rec.starts_on,
            review_on=rec.review_on,
        )
        created += 1
    items = list(PlanItem.objects.filter(child=child).order_by("number"))
    if items:
        PlanItem.objects.filter(pk=items[0].pk).update(
            status="in_progress",
            notes="Came to 5 of the last 6 sessions; asked to keep the same room.",
        )
    name = child.case_manager.full_name
    tier = assessments[0].tier.number if assessments else None
    board = queries.board(queries.items_of(child), tier)
    voices = latest_voices(child)
    for audience, language in (("child", "cy"), ("child", "en"), ("carer", "en")):
        values = drafts.starting_draft(child, audience, language, board, voices)
        if audience == "child":
            words = WORDS[language]
            values.update({key: text.format(name=name) for key, text in words.items()})
        MyPlan.objects.create(
            child=child,
            audience=audience,
            language=language,
            updated_by=child.case_manager,
            **values,
        )
        created += 1
    return created


def add_plan(child: Child) -> int:
    """The plan made from the child's approved report, being worked, with "My plan"
    (ecm.transitions.demo adds its young people this way)."""
    with transaction.atomic(), translation.override("en"):
        return _plan_for(child, first=False)


def load_demo(service: Service, number: int) -> int:
    created = _formulation_demo(service, number)
    with transaction.atomic(), translation.override("en"):
        children = (
            Child.objects.filter(service=service, plan__isnull=True)
            .select_related("case_manager")
            .order_by("local_reference")
        )
        first = not Plan.objects.filter(child__service=service).exists()
        for child in children:
            made = _plan_for(child, first)
            if made:
                first = False
            created += made
    return created
