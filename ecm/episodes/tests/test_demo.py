"""The demo's ECM episodes tell the same story as the rest of the demo: a child with an
approved formulation report is in an active episode (or voluntary engagement, or moving
to adult probation) whose dates fit their meetings and report; a child in the middle of
formulation is at "Formulation"; the earlier stages go to children with no formulation
yet; and the pipeline and the referral funnel still show every stage."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.consent.queries import consent_gate_problems
from ecm.core.access import load_actor
from ecm.demo import data
from ecm.demo.loading import load_service
from ecm.episodes import queries
from ecm.episodes.models import ENDED_STAGES, Episode, Stage
from ecm.formulation.models import FormulationReport, ReportStatus
from ecm.meetings.models import FormulationMeeting, MeetingStatus
from ecm.organisations.models import Service

AFTER_FORMULATION = {Stage.ACTIVE, Stage.VOLUNTARY, Stage.TRANSITION}
FROM_FORMULATION = {Stage.FORMULATION, *AFTER_FORMULATION}


def _day(at: datetime) -> date:
    return timezone.localtime(at).date()


def _check_history(episode: Episode) -> None:
    changes = list(episode.changes.order_by("at", "pk"))
    assert changes[0].to_stage == Stage.REFERRED
    assert _day(changes[0].at) == episode.referred_on
    for before, after in itertools.pairwise(changes):
        assert after.from_stage == before.to_stage, episode
        assert after.at >= before.at, episode
    assert (changes[-1].to_stage, changes[-1].at) == (episode.stage, episode.stage_since)
    assert changes[-1].at <= timezone.now()


def _check_child(child: Child) -> str | None:
    """Checks one child's episodes against their formulation; returns the stage of the
    episode in progress (or of the latest one)."""
    episodes = list(Episode.objects.filter(child=child).order_by("referred_on", "pk"))
    for episode in episodes:
        _check_history(episode)
    # A re-referral comes after the earlier episode ended.
    for earlier, later in itertools.pairwise(episodes):
        assert earlier.stage in ENDED_STAGES
        assert _day(earlier.stage_since) <= later.referred_on
    current = episodes[-1] if episodes else None
    now = timezone.now()
    meetings = FormulationMeeting.objects.filter(child=child)
    held = list(
        meetings.filter(status=MeetingStatus.HELD)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
    )
    coming = meetings.filter(status=MeetingStatus.SCHEDULED, starts_at__gte=now).exists()
    reports = FormulationReport.objects.filter(child=child)
    approved = sorted(
        at
        for at in reports.filter(
            status__in=[ReportStatus.APPROVED, ReportStatus.SUPERSEDED]
        ).values_list("approved_at", flat=True)
        if at is not None
    )
    drafting = reports.filter(status__in=[ReportStatus.DRAFT, ReportStatus.SUBMITTED]).exists()
    name = f"{child.local_reference} {child.display_name}"
    if approved:
        assert current is not None, name
        assert current.stage in AFTER_FORMULATION, name
        changes = {c.to_stage: c.at for c in current.changes.all()}
        # Referred before the first formulation meeting, at formulation by then, and
        # active from about the day the first report was approved.
        assert held, name
        assert current.referred_on < _day(held[0]), name
        assert changes[Stage.FORMULATION] <= held[0], name
        assert abs(changes[Stage.ACTIVE] - approved[0]) <= timedelta(days=3), name
    elif held or coming or drafting:
        assert current is not None, name
        assert current.stage == Stage.FORMULATION, name
        if held:
            assert current.changes.get(to_stage=Stage.FORMULATION).at <= held[0], name
    else:
        # No formulation yet: never got as far as formulation.
        for episode in episodes:
            reached = set(episode.changes.values_list("to_stage", flat=True))
            assert not reached & FROM_FORMULATION, name
    if current is not None and current.stage in FROM_FORMULATION:
        # ECM got this far only with consent, and can move on from here.
        assert consent_gate_problems(child) == [], name
    return current.stage if current is not None else None


@pytest.mark.django_db
@pytest.mark.parametrize("demo_service", data.SERVICES, ids=lambda s: s.code)
def test_each_childs_episode_fits_the_rest_of_their_story(
    demo_service: data.DemoService,
) -> None:
    assert load_service(demo_service) > 1000
    assert load_service(demo_service) == 0
    service = Service.objects.get(code=demo_service.code)
    children = list(Child.objects.filter(service=service).order_by("local_reference"))
    stages = [_check_child(child) for child in children]
    # Every stage, ended ones included; 16 of the service's own 30 children have an
    # episode, and so do the three young people of the transition story.
    reached = {
        *Episode.objects.filter(child__service=service).values_list("stage", flat=True),
        *Episode.objects.filter(child__service=service)
        .values_list("changes__to_stage", flat=True)
        .distinct(),
    }
    assert reached == set(Stage.values)
    assert sum(stage is not None for stage in stages[: data.CHILDREN_PER_SERVICE]) == 16
    assert sum(stage is not None for stage in stages) == 19
    # One child was referred again: an earlier episode closed, a new one in progress.
    again = [c for c in children if c.episodes.count() > 1]
    assert len(again) == 1
    assert again[0].episodes.filter(stage=Stage.CLOSED).exists()

    manager = load_actor(User.objects.get(username=f"team-manager-{demo_service.number}"))
    board = queries.pipeline(manager, team_id=None)
    assert all(board[stage] for stage in board), {s: len(cards) for s, cards in board.items()}
    rows = queries.funnel(manager, team_id=None)
    assert sum(r.referrals for r in rows) > sum(r.accepted for r in rows) > 0
    assert sum(r.eligible for r in rows) > 0
    assert sum(r.consented for r in rows) > 0


@pytest.mark.django_db
def test_the_children_the_guides_name_are_where_the_guides_say() -> None:
    load_service(data.SERVICES[0])
    stage = {
        e.child.local_reference: e.stage
        for e in Episode.objects.exclude(stage__in=ENDED_STAGES).select_related("child")
    }
    assert stage["GL02407"] == Stage.ACTIVE  # Tomos Whitcombe: report version 2 and a plan
    assert stage["GL02400"] == Stage.FORMULATION  # Cerys Hopkin: a draft report
    assert stage["GL02421"] == Stage.FORMULATION  # Gethin Probert: a report submitted
    assert stage["GL02449"] == Stage.FORMULATION  # Mia Colborne: a meeting to come
    assert stage["GL02435"] == Stage.CONSENT  # Tegan Penry: missed appointments
    assert stage["GL02484"] == Stage.VOLUNTARY  # Dylan Bevan
    assert stage["GL03901"] == Stage.TRANSITION  # Rhodri Cadwaladr
    assert stage["GL03902"] == stage["GL03903"] == Stage.ACTIVE  # Efa Penllyn, Caio Llywelyn
