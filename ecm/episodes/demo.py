"""Demo: each child's ECM episode, told from what the earlier demos made of their story,
screened under different rule sets.

- A child with an approved formulation report (ecm.formulation.demo) is at "Active":
  referred some weeks before their first formulation meeting, at "Formulation" from a
  week or two before it, and active from the day their first report was approved.
  (ecm.transitions.demo moves one of them on to voluntary engagement when their order
  ends, and adds the young people moving to adult probation.)
- A child with a draft or submitted report, or a formulation meeting held or to come
  but no approved report, is at "Formulation".
- The stages before formulation, and a closed episode, go to children with no
  formulation meeting or report, so the pipeline and the referral funnel show every
  stage: "Seeking consent" to the first child who withdrew their consent to take part
  and to the first with a current youth rehabilitation order (ecm.appointments.demo
  tells that child's missed appointments); then, in reference order, a re-referral (an
  earlier episode closed when the child did not want to take part, and a new referral
  this week), a referral being screened, one accepted, one declined and one closed.

Deterministic (seeded by the service number and the child's reference) and idempotent:
a service whose children already have episodes is left as it is. Dates are relative to
the formulation meetings and reports they follow, or else to today.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.consent.models import ConsentPurpose, ConsentRecord
from ecm.eligibility.engine import Overall
from ecm.episodes.models import (
    CloseReason,
    Decision,
    DeclineReason,
    Episode,
    Screening,
    Stage,
    StageChange,
)
from ecm.episodes.services import evaluate
from ecm.formulation.models import FormulationReport, ReportStatus
from ecm.meetings.models import FormulationMeeting, MeetingStatus
from ecm.offending.models import STATUTORY_COURT_ORDERS, Order, OrderType
from ecm.organisations.models import Service

BEFORE_FORMULATION: list[str] = [Stage.SCREENING, Stage.ACCEPTED, Stage.CONSENT]
# The stages before formulation, in the order they are handed out (see the docstring).
RE_REFERRAL = "re-referral"
EARLY = (RE_REFERRAL, Stage.SCREENING, Stage.ACCEPTED, Stage.DECLINED, Stage.CLOSED)
REASONS = {
    "youth_justice": (
        "Several agencies are worried: repeated missed school, going missing overnight and "
        "new offences since the spring. Nothing offered so far has been taken up.",
        "The family has asked for help. School describes a bright child who has struggled "
        "since a bereavement last year; police contact is increasing.",
        "The court made an order this year. The team thinks the usual programmes will not "
        "work until the child feels safe with one trusted adult.",
    ),
    "prevention": (
        "No offending, but several agencies are worried: repeated missed school, going "
        "missing overnight, and nothing offered so far has been taken up.",
        "The family has asked for help. School describes a bright child who has struggled "
        "since a bereavement last year and is now rarely in lessons.",
    ),
}
TRIED_BEFORE = {
    "youth_justice": "Referral order panel contract; weekly sessions at school.",
    "prevention": "Early help from the family support team; weekly sessions at school.",
}
CLOSE_NOTES: dict[str, str] = {
    CloseReason.DECLINED: "Did not want to take part then; the family said they might ask "
    "again later.",
    CloseReason.MOVED_AREA: "Moved to live with an aunt in another area; the youth justice "
    "service there has the records.",
}


@dataclass
class Story:
    """One episode: the referral and each later move, oldest first."""

    referred: datetime
    moves: list[tuple[str, datetime]] = field(default_factory=list)
    close_reason: str = ""


def load_demo(service: Service, number: int) -> int:
    if Episode.objects.filter(child__service=service).exists():
        return 0
    fallback = User.objects.get(username=f"case-manager-{number}")
    manager = User.objects.get(username=f"team-manager-{number}")
    now = timezone.now()
    children = list(
        Child.objects.filter(service=service)
        .select_related("case_manager")
        .order_by("local_reference")
    )
    facts = _Facts(service, now)
    stories: list[tuple[Child, list[Story]]] = []
    early: list[Child] = []
    for child in children:
        rng = _rng(number, child)
        if child.pk in facts.approved:
            stories.append((child, [_active(rng, facts, child)]))
        elif child.pk in facts.in_formulation:
            stories.append((child, [_formulation(rng, facts, child, now)]))
        else:
            early.append(child)
    for child, plan in _hand_out(early, facts):
        stories.append((child, _early(_rng(number, child), facts, child, plan, now)))
    created = 0
    for child, episodes in stories:
        referrer = child.case_manager or fallback
        rng = _rng(number, child)
        for story in episodes:
            created += _episode(rng, facts, child, story, referrer, manager)
    return created


def _rng(number: int, child: Child) -> random.Random:
    return random.Random(f"ecm-demo-episodes-{number}-{child.local_reference}")


class _Facts:
    """What the earlier demos recorded of each child's formulation, consent and orders."""

    def __init__(self, service: Service, now: datetime) -> None:
        meetings = FormulationMeeting.objects.filter(child__service=service)
        self.first_held: dict[int, datetime] = {}
        for child_id, starts_at in (
            meetings.filter(status=MeetingStatus.HELD)
            .order_by("starts_at")
            .values_list("child_id", "starts_at")
        ):
            self.first_held.setdefault(child_id, starts_at)
        coming = set(
            meetings.filter(status=MeetingStatus.SCHEDULED, starts_at__gte=now).values_list(
                "child_id", flat=True
            )
        )
        reports = FormulationReport.objects.filter(child__service=service)
        # The first approval starts the work on the plan (a later version revises it).
        self.approved: dict[int, datetime] = {}
        for child_id, approved_at in (
            reports.filter(
                status__in=[ReportStatus.APPROVED, ReportStatus.SUPERSEDED],
                approved_at__isnull=False,
            )
            .order_by("approved_at")
            .values_list("child_id", "approved_at")
        ):
            if approved_at is not None:
                self.approved.setdefault(child_id, approved_at)
        drafting = set(
            reports.filter(status__in=[ReportStatus.DRAFT, ReportStatus.SUBMITTED]).values_list(
                "child_id", flat=True
            )
        )
        self.in_formulation = (drafting | coming | set(self.first_held)) - set(self.approved)
        participation = ConsentRecord.objects.filter(
            child__service=service, purpose=ConsentPurpose.PARTICIPATION, person__isnull=True
        ).order_by("given_on")
        self.consent_given: dict[int, date] = {}
        for child_id, given_on in participation.values_list("child_id", "given_on"):
            self.consent_given.setdefault(child_id, given_on)
        self.withdrew = set(
            participation.filter(withdrawn_on__lte=now.date()).values_list("child_id", flat=True)
        )
        today = now.date()
        self.on_order = set(
            Order.objects.filter(
                child__service=service,
                order_type=OrderType.YOUTH_REHABILITATION_ORDER,
                start_date__lte=today,
                end_date__isnull=True,
            ).values_list("child_id", flat=True)
        )
        self.offending = set(
            Child.objects.filter(service=service, offences__isnull=False).values_list(
                "pk", flat=True
            )
        )
        self._orders = Order.objects.filter(
            child__service=service, order_type__in=STATUTORY_COURT_ORDERS
        )

    def route(self, child: Child) -> str:
        return "youth_justice" if child.pk in self.offending else "prevention"

    def under_order(self, child: Child, on: date) -> bool:
        """A statutory court order was running on the day (so ECM was not voluntary)."""
        running = Q(end_date__gte=on) | Q(end_date__isnull=True)
        return self._orders.filter(child=child, start_date__lte=on).filter(running).exists()


def _hand_out(early: list[Child], facts: _Facts) -> list[tuple[Child, str]]:
    """Who gets which stage before formulation (see the docstring)."""
    left = list(early)
    handed: list[tuple[Child, str]] = []

    def take(stage: str, wanted: Callable[[Child], bool] | None = None) -> None:
        if not left:
            return
        child = next((c for c in left if wanted is None or wanted(c)), left[0])
        left.remove(child)
        handed.append((child, stage))

    take(Stage.CONSENT, lambda c: c.pk in facts.withdrew)
    take(Stage.CONSENT, lambda c: c.pk in facts.on_order and c.case_manager_id is not None)
    for stage in EARLY:
        take(stage)
    return handed


def _at(day: datetime | date, rng: random.Random) -> datetime:
    """A working-hours time on the day."""
    if isinstance(day, datetime):
        day = timezone.localtime(day).date()
    hour = rng.choice((9, 10, 11, 14, 15, 16))
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=hour)


def _spread(
    rng: random.Random, referred: datetime, steps: list[str], until: datetime
) -> list[tuple[str, datetime]]:
    """The steps, evenly between the referral and `until` (the last step's day)."""
    gap = (until - referred) / len(steps)
    return [
        (step, until if n == len(steps) else _at(referred + gap * n, rng))
        for n, step in enumerate(steps, start=1)
    ]


def _active(rng: random.Random, facts: _Facts, child: Child) -> Story:
    approved = facts.approved[child.pk]
    first = facts.first_held.get(child.pk, approved - timedelta(days=rng.randint(60, 90)))
    formulation = _at(first - timedelta(days=rng.randint(7, 14)), rng)
    referred = _at(formulation - timedelta(days=rng.randint(35, 63)), rng)
    moves = _spread(rng, referred, [*BEFORE_FORMULATION, Stage.FORMULATION], formulation)
    moves.append((Stage.ACTIVE, max(approved, formulation) + timedelta(hours=2)))
    return Story(referred, moves)


def _formulation(rng: random.Random, facts: _Facts, child: Child, now: datetime) -> Story:
    first = facts.first_held.get(child.pk)
    if first is not None:
        formulation = _at(first - timedelta(days=rng.randint(7, 14)), rng)
    else:
        formulation = _at(now - timedelta(days=rng.randint(14, 42)), rng)
    referred = _at(formulation - timedelta(days=rng.randint(28, 56)), rng)
    moves = _spread(rng, referred, [*BEFORE_FORMULATION, Stage.FORMULATION], formulation)
    return Story(referred, moves)


def _early(
    rng: random.Random, facts: _Facts, child: Child, plan: str, now: datetime
) -> list[Story]:
    def ago(low: int, high: int) -> datetime:
        return _at(now - timedelta(days=rng.randint(low, high)), rng)

    if plan == RE_REFERRAL:
        earlier = ago(600, 720)
        closed = _at(earlier + timedelta(days=rng.randint(50, 80)), rng)
        moves = _spread(rng, earlier, [*BEFORE_FORMULATION, Stage.CLOSED], closed)
        return [Story(earlier, moves, CloseReason.DECLINED), Story(ago(1, 9))]
    if plan == Stage.CONSENT:
        given = facts.consent_given.get(child.pk)
        asked = (
            _at(given - timedelta(days=rng.randint(3, 10)), rng)
            if given is not None and given <= now.date()
            else ago(20, 60)
        )
        referred = _at(asked - timedelta(days=rng.randint(21, 42)), rng)
        return [Story(referred, _spread(rng, referred, BEFORE_FORMULATION, asked))]
    if plan == Stage.CLOSED:
        referred = ago(150, 330)
        closed = ago(20, 60)
        moves = _spread(rng, referred, [*BEFORE_FORMULATION, Stage.CLOSED], closed)
        return [Story(referred, moves, CloseReason.MOVED_AREA)]
    paths: dict[str, list[str]] = {
        Stage.SCREENING: [Stage.SCREENING],
        Stage.ACCEPTED: [Stage.SCREENING, Stage.ACCEPTED],
        Stage.DECLINED: [Stage.SCREENING, Stage.DECLINED],
    }
    referred = ago(10, 25) if plan == Stage.SCREENING else ago(20, 60)
    return [Story(referred, _spread(rng, referred, paths[plan], ago(2, 9)))]


def _episode(
    rng: random.Random, facts: _Facts, child: Child, story: Story, referrer: User, manager: User
) -> int:
    route = facts.route(child)
    referred = story.referred
    episode = Episode.objects.create(
        child=child,
        stage=Stage.REFERRED,
        stage_since=referred,
        route=route,
        referred_on=timezone.localtime(referred).date(),
        referred_by=referrer,
        source="case_manager",
        reason=rng.choice(REASONS[route]),
        tried_before=TRIED_BEFORE[route],
        urgency="urgent" if rng.random() < 0.2 else "routine",
        voluntary=not facts.under_order(child, timezone.localtime(referred).date()),
    )
    StageChange.objects.create(episode=episode, to_stage=Stage.REFERRED, at=referred, by=referrer)
    for step, at in story.moves:
        if step in (Stage.ACCEPTED, Stage.DECLINED):
            _screen(episode, step, at, manager)
        StageChange.objects.create(
            episode=episode,
            from_stage=episode.stage,
            to_stage=step,
            at=at,
            by=manager if step in (Stage.SCREENING, Stage.ACCEPTED, Stage.DECLINED) else referrer,
            note=CLOSE_NOTES.get(story.close_reason, "") if step == Stage.CLOSED else "",
        )
        episode.stage = step
        episode.stage_since = at
    episode.close_reason = story.close_reason
    episode.save()
    return 1


def _screen(episode: Episode, to: str, at: datetime, manager: User) -> None:
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
                "Not every rule is met, but the formulation meeting will help every agency "
                "involved; the psychologist agrees."
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
