"""Demo: children at every stage of an ECM episode, screened under different rule sets,
with a closed earlier episode and a re-referral."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.eligibility.engine import Overall
from ecm.episodes.models import Decision, DeclineReason, Episode, Screening, Stage, StageChange
from ecm.episodes.services import evaluate
from ecm.organisations.models import Service

# The path each stage is reached by, after referral.
PATHS: dict[str, list[str]] = {
    Stage.REFERRED: [],
    Stage.SCREENING: [Stage.SCREENING],
    Stage.ACCEPTED: [Stage.SCREENING, Stage.ACCEPTED],
    Stage.DECLINED: [Stage.SCREENING, Stage.DECLINED],
    Stage.CONSENT: [Stage.SCREENING, Stage.ACCEPTED, Stage.CONSENT],
    Stage.FORMULATION: [Stage.SCREENING, Stage.ACCEPTED, Stage.CONSENT, Stage.FORMULATION],
    Stage.ACTIVE: [Stage.SCREENING, Stage.ACCEPTED, Stage.CONSENT, Stage.FORMULATION, Stage.ACTIVE],
    Stage.VOLUNTARY: [
        Stage.SCREENING,
        Stage.ACCEPTED,
        Stage.CONSENT,
        Stage.FORMULATION,
        Stage.ACTIVE,
        Stage.VOLUNTARY,
    ],
    Stage.TRANSITION: [
        Stage.SCREENING,
        Stage.ACCEPTED,
        Stage.CONSENT,
        Stage.FORMULATION,
        Stage.ACTIVE,
        Stage.TRANSITION,
    ],
    Stage.CLOSED: [
        Stage.SCREENING,
        Stage.ACCEPTED,
        Stage.CONSENT,
        Stage.FORMULATION,
        Stage.ACTIVE,
        Stage.CLOSED,
    ],
}
PLAN = [
    Stage.REFERRED,
    Stage.REFERRED,
    Stage.SCREENING,
    Stage.ACCEPTED,
    Stage.DECLINED,
    Stage.CONSENT,
    Stage.CONSENT,
    Stage.FORMULATION,
    Stage.FORMULATION,
    Stage.ACTIVE,
    Stage.ACTIVE,
    Stage.ACTIVE,
    Stage.VOLUNTARY,
    Stage.TRANSITION,
    Stage.CLOSED,
    Stage.DECLINED,
]
REASONS = [
    "Several agencies are worried: repeated missed school, going missing overnight and new "
    "offences since the spring. Nothing offered so far has been taken up.",
    "The family has asked for help. School describes a bright child who has struggled since "
    "a bereavement last year; police contact is increasing.",
    "Court ordered a YRO in March. The team thinks the usual programmes will not work until "
    "the child feels safe with one trusted adult.",
]


def load_demo(service: Service, number: int) -> int:
    rng = random.Random(f"ecm-demo-episodes-{number}")
    case_manager = User.objects.get(username=f"case-manager-{number}")
    manager = User.objects.get(username=f"team-manager-{number}")
    children = list(Child.objects.filter(service=service).order_by("local_reference"))
    created = 0
    now = timezone.now()
    for index, (child, stage) in enumerate(zip(children, PLAN, strict=False)):
        if Episode.objects.filter(child=child).exists():
            continue
        if index == PLAN.index(Stage.ACTIVE):
            # A re-referral: an earlier episode ended, and a new one is under way.
            created += _episode(child, Stage.CLOSED, 700, rng, case_manager, manager, now)
        days_ago = rng.randint(20, 330) if stage not in (Stage.REFERRED,) else rng.randint(1, 9)
        created += _episode(child, stage, days_ago, rng, case_manager, manager, now)
    return created


def _episode(child, stage, days_ago, rng, case_manager, manager, now) -> int:  # type: ignore[no-untyped-def]
    referred_at = now - timedelta(days=days_ago)
    route = "prevention" if not child.offences.exists() else "youth_justice"
    episode = Episode.objects.create(
        child=child,
        stage=Stage.REFERRED,
        stage_since=referred_at,
        route=route,
        referred_on=referred_at.date(),
        referred_by=case_manager,
        source="case_manager",
        reason=rng.choice(REASONS),
        tried_before="Referral order panel contract; weekly sessions at school.",
        urgency="urgent" if rng.random() < 0.2 else "routine",
        voluntary=rng.random() < 0.2,
    )
    StageChange.objects.create(
        episode=episode, to_stage=Stage.REFERRED, at=referred_at, by=case_manager
    )
    at = referred_at
    for step in PATHS[stage]:
        at = at + timedelta(days=max(1, days_ago // (len(PATHS[stage]) + 1)))
        if step in (Stage.ACCEPTED, Stage.DECLINED):
            _screen(episode, step, at, manager)
        StageChange.objects.create(
            episode=episode,
            from_stage=episode.stage,
            to_stage=step,
            at=at,
            by=manager
            if step in (Stage.SCREENING, Stage.ACCEPTED, Stage.DECLINED)
            else case_manager,
            note="Planned end of the order; goals met." if step == Stage.CLOSED else "",
        )
        episode.stage = step
        episode.stage_since = at
    if episode.stage == Stage.CLOSED:
        episode.close_reason = "planned_end"
    episode.save()
    return 1


def _screen(episode: Episode, to: str, at, manager: User) -> None:  # type: ignore[no-untyped-def]
    evaluation = evaluate(episode, at.date())
    if evaluation.rule_set is None:
        return
    eligible = evaluation.overall == Overall.ELIGIBLE
    if to == Stage.ACCEPTED:
        decision = Decision.ACCEPT if eligible else Decision.OVERRIDE
        reason = (
            ""
            if eligible
            else (
                "Fewer recorded offences than the rule asks, but the formulation meeting will help "
                "every agency involved; the psychologist agrees."
            )
        )
    else:
        decision, reason = Decision.DECLINE, "Already well supported by the family support team."
    Screening.objects.create(
        episode=episode,
        rule_set=evaluation.rule_set,
        evaluated_on=at.date(),
        results=[
            {
                "kind": r.kind,
                "outcome": r.outcome,
                "summary": r.summary,
                "evidence": list(r.evidence),
            }
            for r in evaluation.results
        ],
        overall=evaluation.overall,
        decision=decision,
        decline_reason=DeclineReason.OTHER_SUPPORT if decision == Decision.DECLINE else "",
        reason=reason,
        decided_by=manager,
        decided_at=at,
    )
