"""The demo for the day-to-day work of issue 6 that this part builds: case notes,
safeguarding concerns, voluntary engagement and moves to adult probation."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ecm.casenotes import demo as casenotes_demo
from ecm.casenotes.models import CaseNote
from ecm.children.models import Child
from ecm.demo import data
from ecm.demo.management.commands.load_demo_data import Command
from ecm.episodes import demo as episodes_demo
from ecm.organisations.models import Service
from ecm.safeguarding import demo as safeguarding_demo
from ecm.safeguarding.models import Concern
from ecm.transitions import demo as transitions_demo
from ecm.transitions.models import TransitionPlan, VoluntaryEngagement
from ecm.transitions.queries import (
    ended_statutory_orders,
    in_voluntary_engagement,
    old_enough_for_transition,
    open_episode,
    plan_of,
    probation_sharing_in_force,
)
from ecm.transitions.services import voluntary_problems

DEMOS = (casenotes_demo, safeguarding_demo, transitions_demo)


@pytest.mark.django_db
def test_the_demo_shows_every_part_and_is_idempotent() -> None:
    demo_service = data.SERVICES[0]
    Command()._load_service(demo_service)
    service = Service.objects.get(code=demo_service.code)
    episodes_demo.load_demo(service, demo_service.number)
    assert all(d.load_demo(service, demo_service.number) > 0 for d in DEMOS)
    assert all(d.load_demo(service, demo_service.number) == 0 for d in DEMOS)

    notes = CaseNote.objects.filter(child__service=service)
    assert {"everyone", "ecm_team", "clinical"} <= set(notes.values_list("visibility", flat=True))
    assert notes.filter(state="draft").exists()
    assert notes.filter(corrects__isnull=False).exists()

    assert Concern.objects.filter(child__service=service, status="escalated").exists()
    assert Concern.objects.filter(child__service=service, during_voluntary=True).exists()
    assert Concern.objects.filter(child__service=service, status="closed").exists()

    voluntary = VoluntaryEngagement.objects.get(child__service=service)
    assert in_voluntary_engagement(voluntary.child)
    assert voluntary.consent.given_on >= voluntary.started_on

    young = list(Child.objects.filter(service=service, local_reference__in=["GL03901", "GL03902"]))
    assert len(young) == 2
    assert all(old_enough_for_transition(c) for c in young)
    with_plan = TransitionPlan.objects.get(child__service=service).child
    assert probation_sharing_in_force(with_plan)
    waiting = next(c for c in young if c != with_plan)
    assert plan_of(waiting) is None
    assert probation_sharing_in_force(waiting)

    ready = Child.objects.get(service=service, local_reference="GL03903")
    orders = ended_statutory_orders(ready)
    assert len(orders) == 1
    problems = voluntary_problems(
        ready, episode=open_episode(ready), ended_order=orders[0], started_on=timezone.localdate()
    )
    assert problems == [
        "The child's fresh consent to take part is needed: record it, given on or after the "
        "start of voluntary engagement"
    ]
