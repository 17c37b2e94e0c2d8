"""Reads of ECM episodes: scoped to the person, audited where they show a child."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from ecm.audit.models import Verb
from ecm.audit.services import record_children_shown, record_event
from ecm.children.models import Child
from ecm.children.queries import visible_children
from ecm.core import access
from ecm.core.access import Actor
from ecm.eligibility.engine import Overall
from ecm.episodes.models import ENDED_STAGES, Episode, Screening, Stage, StageChange


def get_episode(actor: Actor, episode_id: int) -> Episode:
    episode = (
        Episode.objects.filter(
            pk=episode_id,
            child__in=visible_children(actor),
            child__service_id__in=actor.service_ids_with(access.CHILD_RECORD_READERS),
        )
        .select_related("child__service", "referred_by", "source_agency")
        .prefetch_related(
            Prefetch("changes", queryset=StageChange.objects.select_related("by")),
            Prefetch(
                "screenings",
                queryset=Screening.objects.select_related("rule_set", "decided_by"),
            ),
        )
        .first()
    )
    if episode is None:
        raise Http404
    record_event(
        actor=actor,
        verb=Verb.VIEW_EPISODE,
        child=episode.child,
        object_type="episode",
        object_id=episode.pk,
    )
    return episode


def episodes_of(child: Child) -> list[Episode]:
    """Every episode of a child the caller has already been allowed to see."""
    return list(Episode.objects.filter(child=child).order_by("-referred_on", "-pk"))


@dataclass(frozen=True)
class Card:
    episode: Episode
    days: int


def pipeline(actor: Actor, *, team_id: int | None) -> dict[str, list[Card]]:
    """Open episodes by stage, for the services where the person oversees caseloads."""
    episodes = (
        Episode.objects.filter(
            child__service_id__in=actor.service_ids_with(access.CASELOAD_OVERSEERS)
        )
        .exclude(stage__in=ENDED_STAGES)
        .select_related("child__team", "child__case_manager")
    )
    if team_id is not None:
        episodes = episodes.filter(child__team_id=team_id)
    now = timezone.now()
    board: dict[str, list[Card]] = {s: [] for s in Stage.values if s not in ENDED_STAGES}
    shown = []
    for episode in episodes.order_by("stage_since"):
        board[episode.stage].append(Card(episode, (now - episode.stage_since).days))
        shown.append(episode.child)
    record_children_shown(actor=actor, children=shown, context="pipeline")
    return board


@dataclass(frozen=True)
class FunnelRow:
    month: date
    team: str
    referrals: int
    eligible: int
    accepted: int
    consented: int


def funnel(actor: Actor, *, team_id: int | None, months: int = 12) -> list[FunnelRow]:
    """Counts only: referrals by month and team, and how many were found eligible,
    accepted, and reached formulation (consent in place)."""
    today = timezone.localdate()
    since = (today.replace(day=1) - timedelta(days=31 * (months - 1))).replace(day=1)
    episodes: QuerySet[Episode] = Episode.objects.filter(
        child__service_id__in=actor.service_ids_with(access.CASELOAD_OVERSEERS),
        referred_on__gte=since,
    )
    if team_id is not None:
        episodes = episodes.filter(child__team_id=team_id)
    rows = episodes.values_list("pk", "referred_on", "child__team__name")
    ids = [pk for pk, _, _ in rows]
    eligible = set(
        Screening.objects.filter(episode_id__in=ids, overall=Overall.ELIGIBLE).values_list(
            "episode_id", flat=True
        )
    )
    accepted = set(
        StageChange.objects.filter(episode_id__in=ids, to_stage=Stage.ACCEPTED).values_list(
            "episode_id", flat=True
        )
    )
    consented = set(
        StageChange.objects.filter(episode_id__in=ids, to_stage=Stage.FORMULATION).values_list(
            "episode_id", flat=True
        )
    )
    counts: dict[tuple[date, str], Counter[str]] = defaultdict(Counter)
    for pk, referred_on, team in rows:
        key = (referred_on.replace(day=1), team or "")
        counts[key]["referrals"] += 1
        counts[key]["eligible"] += pk in eligible
        counts[key]["accepted"] += pk in accepted
        counts[key]["consented"] += pk in consented
    return [
        FunnelRow(month, team, c["referrals"], c["eligible"], c["accepted"], c["consented"])
        for (month, team), c in sorted(counts.items())
    ]


def recent_decisions(actor: Actor, days: int = 30) -> list[Screening]:
    """Decisions on referrals the person made, for their home page."""
    since = timezone.now() - timedelta(days=days)
    screenings = list(
        Screening.objects.filter(episode__referred_by=actor.user, decided_at__gte=since)
        .filter(episode__child__in=visible_children(actor))
        .select_related("episode__child")
        .order_by("-decided_at")[:10]
    )
    record_children_shown(
        actor=actor, children=[s.episode.child for s in screenings], context="home:decisions"
    )
    return screenings
