"""Invented voluntary engagement and moves to adult probation for the demo (see ecm.demo).

- Voluntary engagement: of the children in an active ECM episode (ecm.episodes.demo)
  with a case manager, the one whose formulation meetings are furthest behind them and
  who has none to come. Their statutory order ended four weeks ago, they gave fresh
  consent, their episode moved on to "Voluntary engagement" that day, one review is
  done, and a safeguarding concern has been raised since (safeguarding goes on in every
  phase).
- Two young people aged 17½ or more, each in an ECM episode with a youth rehabilitation
  order that runs past their 18th birthday and consent to share with the service's
  probation agency (every demo service has one, ecm.demo.data): one already has a
  transition plan with steps, so its handover pack can be downloaded; the other is
  waiting for one (their record prompts for it).
- A 16-year-old in an active ECM episode whose order ended three days ago: with their
  fresh consent recorded, they can continue voluntarily.
- Each of the three had a formulation meeting a hundred days ago, then an approved
  formulation report and a plan being worked, so their episodes are active from then.

Deterministic and idempotent: each part is added once. Dates are relative to the day the
demo is loaded, so the ages and the review cadence stay right.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.consent.models import ConsentRecord
from ecm.episodes.models import Episode, Stage, StageChange
from ecm.formulation.demo import add_approved_report
from ecm.meetings.models import FormulationMeeting, Invitation, MeetingStatus
from ecm.needs.models import ChildNeed, NeedType
from ecm.offending.models import STATUTORY_COURT_ORDERS, Order
from ecm.offending.queries import months_before
from ecm.organisations.models import AgencyKind, PartnerAgency, Service, Team
from ecm.plans.demo import add_plan
from ecm.safeguarding.models import Concern
from ecm.transitions.models import (
    TransitionPlan,
    TransitionStep,
    VoluntaryEngagement,
    VoluntaryReview,
)
from ecm.trm.models import Tier, TierAssessment

# (reference suffix, first, last, language, months old, story): "plan" has a transition
# plan; "prompt" waits for one; "order-ended" is 16, in an active ECM episode, and their
# youth rehabilitation order ended three days ago: ready to continue voluntarily once
# they give fresh consent.
YOUNG_PEOPLE = {
    1: (
        ("3901", "Rhodri", "Cadwaladr", "cy", 211, "plan"),
        ("3902", "Efa", "Penllyn", "en", 213, "prompt"),
        ("3903", "Caio", "Llywelyn", "en", 196, "order-ended"),
    ),
    2: (
        ("3901", "Jordan", "Ashby", "en", 212, "plan"),
        ("3902", "Lleucu", "Morgan", "cy", 214, "prompt"),
        ("3903", "Tia", "Holloway", "en", 197, "order-ended"),
    ),
}
# Their needs, recorded here so that the needs demo (which runs earlier) leaves them alone.
NEEDS = (
    ("care-experienced", "In foster care from 12 to 15; now back living with an aunt."),
    ("education-exclusion-neet", "Left college in the first term; not in work or training."),
    (
        "speech-language-communication",
        "Speech and language assessment: struggles with long or complex sentences.",
    ),
)


def _consent(child: Child, purpose: str, given_on: date, by: User) -> ConsentRecord:
    return ConsentRecord.objects.create(
        child=child,
        purpose=purpose,
        method="signed_form",
        understanding_note="Explained back in their own words what this means and that they "
        "can change their mind.",
        language_explained=child.language_preference,
        given_on=given_on,
        recorded_by=by,
    )


def _voluntary_episode(service: Service, today: date) -> Episode | None:
    """The active episode whose formulation meetings are furthest behind the child."""
    episodes = list(
        Episode.objects.filter(
            child__service=service, stage=Stage.ACTIVE, child__case_manager__isnull=False
        )
        .select_related("child__case_manager")
        .order_by("child__local_reference")
    )
    meetings = FormulationMeeting.objects.filter(child__in=[e.child_id for e in episodes])
    coming = set(
        meetings.filter(status=MeetingStatus.SCHEDULED, starts_at__date__gte=today).values_list(
            "child_id", flat=True
        )
    )
    last_held: dict[int, date] = {}
    for child_id, starts_at in meetings.filter(status=MeetingStatus.HELD).values_list(
        "child_id", "starts_at"
    ):
        day = timezone.localtime(starts_at).date()
        last_held[child_id] = max(day, last_held.get(child_id, day))
    candidates = [e for e in episodes if e.child_id not in coming] or episodes
    return min(candidates, key=lambda e: last_held.get(e.child_id, today), default=None)


def _voluntary(service: Service, number: int, today: date) -> int:
    if VoluntaryEngagement.objects.filter(child__service=service).exists():
        return 0
    episode = _voluntary_episode(service, today)
    if episode is None:
        return 0
    child = episode.child
    recorder = child.case_manager or User.objects.get(username=f"case-manager-{number}")
    ended_on = today - timedelta(days=28)
    created = 0
    # The statutory orders all ended by four weeks ago, the latest of them then (the end
    # of the order is the story).
    statutory = list(
        Order.objects.filter(child=child, order_type__in=STATUTORY_COURT_ORDERS).order_by(
            "start_date", "pk"
        )
    )
    for order in statutory:
        if order.end_date is None or order.end_date > ended_on or order == statutory[-1]:
            order.end_date = max(order.start_date, ended_on)
            order.expected_end_date = max(order.expected_end_date or ended_on, order.end_date)
            order.save(update_fields=["end_date", "expected_end_date"])
    ended = max(statutory, key=lambda o: o.end_date or o.start_date, default=None)
    if ended is None:
        ended = Order.objects.create(
            child=child,
            order_type="youth_rehabilitation_order",
            start_date=ended_on - timedelta(days=365),
            expected_end_date=ended_on,
            end_date=ended_on,
            requirements=["supervision", "activity"],
            recorded_by=recorder,
        )
        created += 1
    started_on = ended.end_date or ended_on
    consent = _consent(child, "participation", started_on, recorder)
    # Starting voluntary engagement moves an active episode on (ecm.transitions.services).
    moved_at = timezone.make_aware(datetime.combine(started_on, time(15, 0)))
    StageChange.objects.create(
        episode=episode,
        from_stage=Stage.ACTIVE,
        to_stage=Stage.VOLUNTARY,
        at=moved_at,
        by=recorder,
        note="The statutory order ended; ECM continues voluntarily.",
    )
    episode.stage, episode.stage_since = Stage.VOLUNTARY, moved_at
    episode.save(update_fields=["stage", "stage_since"])
    engagement = VoluntaryEngagement.objects.create(
        child=child,
        episode=episode,
        ended_order=ended,
        consent=consent,
        started_on=started_on,
        planned_end_on=started_on + timedelta(weeks=20),
        review_weeks=service.voluntary_review_weeks,
        what_continues="Wants to keep seeing the same case manager on Tuesdays and to finish "
        "the boxing coaching course.",
        started_by=recorder,
    )
    VoluntaryReview.objects.create(
        engagement=engagement,
        reviewed_on=today - timedelta(days=4),
        how_it_is_going="Coming every week without reminders. Enjoying the coaching course.",
        child_view="\u201cIt's different when nobody makes you come.\u201d",
        recorded_by=recorder,
    )
    # Safeguarding goes on in every phase: a concern raised since the order ended.
    Concern.objects.create(
        child=child,
        what="Has started spending time with older friends from before the order; says they "
        "have been asked to carry things for them.",
        happened_on=today - timedelta(days=3),
        who_at_risk=["child"],
        immediate_action="Talked it through; agreed to meet twice next week. Told the police "
        "youth unit contact.",
        during_voluntary=True,
        raised_by=recorder,
    )
    return created + 4


def _young_person(
    service: Service, number: int, spec: tuple[str, str, str, str, int, str], today: date
) -> int:
    suffix, first, last, language, months, story = spec
    with_plan = story == "plan"
    ended = today - timedelta(days=3) if story == "order-ended" else None
    reference = f"{service.code[:2].upper()}0{suffix}"
    if Child.objects.filter(service=service, local_reference=reference).exists():
        return 0
    case_manager = User.objects.get(username=f"case-manager-{number}")
    born = months_before(today, months) - timedelta(days=9)
    child = Child.objects.create(
        service=service,
        team=Team.objects.filter(service=service).order_by("name").first(),
        case_manager=case_manager,
        local_reference=reference,
        legal_first_name=first,
        legal_last_name=last,
        date_of_birth=born,
        gender="female" if story == "prompt" else "male",
        ethnicity="white_british",
        language_preference=language,
        language_asked_on=today - timedelta(days=200),
        communication_needs="Short sentences, one thing at a time; check understanding.",
    )
    eighteen = date(born.year + 18, born.month, min(born.day, 28))
    Order.objects.create(
        child=child,
        order_type="youth_rehabilitation_order",
        start_date=today - timedelta(days=240 if ended is None else 365),
        expected_end_date=ended or eighteen + timedelta(days=200),
        end_date=ended,
        requirements=["supervision", "programme"],
        responsible_officer=case_manager,
        recorded_by=case_manager,
    )
    now = timezone.now()
    # Referred 220 days ago, a month at each stage, the formulation meeting 100 days ago,
    # active from the report's approval 90 days ago, and the plan to move 10 days ago.
    moves = [
        (Stage.REFERRED, 220),
        (Stage.SCREENING, 190),
        (Stage.ACCEPTED, 160),
        (Stage.CONSENT, 130),
        (Stage.FORMULATION, 110),
        (Stage.ACTIVE, 90),
    ] + ([(Stage.TRANSITION, 10)] if with_plan else [])
    referred = now - timedelta(days=220)
    stage, stage_since = moves[-1][0], now - timedelta(days=moves[-1][1])
    episode = Episode.objects.create(
        child=child,
        stage=stage,
        stage_since=stage_since,
        referred_on=referred.date(),
        referred_by=case_manager,
        source="case_manager",
        reason="Repeated offending since a family breakdown; several agencies involved and "
        "nothing offered so far has been taken up.",
    )
    for step, (to, days_ago) in enumerate(moves):
        StageChange.objects.create(
            episode=episode,
            from_stage=moves[step - 1][0] if step else "",
            to_stage=to,
            at=now - timedelta(days=days_ago),
            by=case_manager,
        )
    _consent(child, "participation", today - timedelta(days=125), case_manager)
    created = _formulation(child, number, held_at=now - timedelta(days=100))
    for code, evidence in NEEDS:
        need_type = NeedType.objects.filter(code=code).first()
        if need_type is not None:
            ChildNeed.objects.create(
                child=child, need_type=need_type, evidence=evidence, recorded_by=case_manager
            )
    if not with_plan:
        return 1 + created
    probation = _probation(service)
    plan = TransitionPlan.objects.create(
        child=child,
        views="Wants to move on and not be treated like a kid, but worried probation will "
        "be strict and will not know them.",
        worries="Having to explain everything again; the office being in town near old friends.",
        probation_agency=probation,
        practitioner="Rhian Probert",
        office="Aberteifi probation office" if number == 1 else "Hafren probation office",
        joint_meeting_on=today + timedelta(days=10),
        joint_meeting_notes="At the youth centre, with the case manager there.",
        transfer_on=today + timedelta(days=75),
        what_has_helped="The same person at the same time and place every week; a text the "
        "day before; sessions that include something active.",
        shared_summary="Agreed to share: trusts slowly after many changes of worker; changes "
        "of plan need explaining in advance. Recommendation: keep a fixed weekly slot and "
        "hand over in person over several sessions.",
        plan_and_risks="Keeping to the order. Risk of drifting back to older peers when bored "
        "or unsettled; no current safeguarding concerns.",
        communication=child.communication_needs,
        created_by=case_manager,
    )
    TransitionStep.objects.create(
        plan=plan,
        description="Introduce the probation practitioner at a normal weekly session",
        due_on=today - timedelta(days=5),
        done_on=today - timedelta(days=5),
        recorded_by=case_manager,
    )
    TransitionStep.objects.create(
        plan=plan,
        description="Two joint appointments at the probation office",
        due_on=today + timedelta(days=30),
        recorded_by=case_manager,
    )
    return 4 + created


def _formulation(child: Child, number: int, held_at: datetime) -> int:
    """The formulation meeting held for a young person (with the tier agreed), the report
    approved eight days later and the plan made from it."""
    psychologist = User.objects.filter(username=f"psychologist-{number}").first()
    if psychologist is None or child.case_manager is None:
        return 0
    held_at = timezone.localtime(held_at).replace(hour=10, minute=0, second=0, microsecond=0)
    meeting = FormulationMeeting.objects.create(
        child=child,
        starts_at=held_at,
        place="Room 2, youth justice office",
        chair=psychologist,
        scheduled_by=psychologist,
        welsh_offered=True,
        language_used=child.language_preference,
        status=MeetingStatus.HELD,
        notes="Timeline built together with the young person. They asked that the move to "
        "adult probation is planned early and explained step by step.",
    )
    Invitation.objects.create(
        meeting=meeting,
        invitee=child.case_manager,
        response="confirmed",
        responded_at=held_at - timedelta(days=3),
        attended=True,
    )
    TierAssessment.objects.create(
        child=child,
        tier=Tier.objects.get(number=3),
        assessed_on=held_at.date(),
        assessed_by=psychologist,
        evidence="Comes every week and has begun to talk about what happened at home; needs "
        "changes of worker explained well in advance.",
        meeting=meeting,
    )
    created = 3 + add_approved_report(child, psychologist, held_at + timedelta(days=8))
    return created + add_plan(child)


def _probation(service: Service) -> PartnerAgency | None:
    return (
        PartnerAgency.objects.filter(service=service, kind=AgencyKind.PROBATION)
        .order_by("pk")
        .first()
    )


def _probation_sharing(service: Service, number: int, today: date) -> int:
    """The young people moving to adult probation consent to share with the service's
    probation agency, which their transition plan names. Also puts right a demo loaded
    before the service had a probation agency."""
    probation = _probation(service)
    if probation is None:
        return 0
    created = 0
    for suffix, *_, story in YOUNG_PEOPLE.get(number, ()):
        if story == "order-ended":
            continue
        child = Child.objects.filter(
            service=service, local_reference=f"{service.code[:2].upper()}0{suffix}"
        ).first()
        if child is None:
            continue
        named = ConsentRecord.objects.filter(
            child=child, purpose="sharing", agencies=probation, withdrawn_on__isnull=True
        )
        if not named.exists():
            assert child.case_manager is not None
            sharing = _consent(child, "sharing", today - timedelta(days=20), child.case_manager)
            sharing.agencies.set([probation])
            created += 1
        TransitionPlan.objects.filter(child=child, probation_agency__isnull=True).update(
            probation_agency=probation
        )
    return created


def load_demo(service: Service, number: int) -> int:
    today = timezone.localdate()
    created = _voluntary(service, number, today)
    for spec in YOUNG_PEOPLE.get(number, ()):
        created += _young_person(service, number, spec, today)
    return created + _probation_sharing(service, number, today)
