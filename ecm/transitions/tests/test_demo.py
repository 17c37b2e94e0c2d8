"""The demo for the day-to-day work of issue 6 that this part builds: case notes,
safeguarding concerns, voluntary engagement and moves to adult probation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ecm.casenotes import demo as casenotes_demo
from ecm.casenotes.models import CaseNote
from ecm.children.models import Child
from ecm.consent.models import ConsentRecord
from ecm.demo import data
from ecm.demo.loading import load_service
from ecm.episodes.models import Stage
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
@pytest.mark.parametrize("demo_service", data.SERVICES, ids=lambda s: s.code)
def test_the_demo_shows_every_part_and_is_idempotent(demo_service: data.DemoService) -> None:
    load_service(demo_service, before="ecm.casenotes")
    service = Service.objects.get(code=demo_service.code)
    prefix = service.code[:2].upper()
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
    assert voluntary.child.local_reference == f"{prefix}02484"  # as the README tells it
    assert in_voluntary_engagement(voluntary.child)
    assert voluntary.consent.given_on >= voluntary.started_on
    today = timezone.localdate()
    assert voluntary.started_on == voluntary.ended_order.end_date == today - timedelta(days=28)
    # Starting it moved the active episode on, that day.
    episode = voluntary.episode
    assert episode is not None
    assert episode.stage == Stage.VOLUNTARY
    move = episode.changes.get(to_stage=Stage.VOLUNTARY)
    assert (move.from_stage, timezone.localtime(move.at).date()) == (
        Stage.ACTIVE,
        voluntary.started_on,
    )
    assert voluntary_problems(
        voluntary.child,
        episode=episode,
        ended_order=voluntary.ended_order,
        started_on=voluntary.started_on,
    ) == ["Voluntary engagement continues an ECM episode: this child has none in progress"]

    young = list(
        Child.objects.filter(
            service=service, local_reference__in=[f"{prefix}03901", f"{prefix}03902"]
        )
    )
    assert len(young) == 2
    assert all(old_enough_for_transition(c) for c in young)
    plan = TransitionPlan.objects.get(child__service=service)
    with_plan = plan.child
    # Every demo service has a probation agency: the handover pack can be made.
    assert plan.probation_agency is not None
    assert probation_sharing_in_force(with_plan)
    waiting = next(c for c in young if c != with_plan)
    assert plan_of(waiting) is None
    assert probation_sharing_in_force(waiting)

    ready = Child.objects.get(service=service, local_reference=f"{prefix}03903")
    orders = ended_statutory_orders(ready)
    assert len(orders) == 1
    problems = voluntary_problems(
        ready, episode=open_episode(ready), ended_order=orders[0], started_on=timezone.localdate()
    )
    assert problems == [
        "The child's fresh consent to take part is needed: record it, given on or after the "
        "start of voluntary engagement"
    ]

    # A demo loaded before the service had a probation agency is put right by the next load.
    ConsentRecord.objects.filter(child=with_plan, purpose="sharing").delete()
    TransitionPlan.objects.filter(pk=plan.pk).update(probation_agency=None)
    assert not probation_sharing_in_force(with_plan)
    assert transitions_demo.load_demo(service, demo_service.number) == 1
    assert probation_sharing_in_force(with_plan)
    assert plan_of(with_plan).probation_agency is not None  # type: ignore[union-attr]
    assert transitions_demo.load_demo(service, demo_service.number) == 0
