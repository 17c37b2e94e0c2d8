"""Invented life timelines for the demo children (see ecm.demo).

Deterministic and idempotent: a child who already has timeline events is left alone.
The first ten children of each service (in reference order) get 15 to 40 events from
birth to the demo's reference day, positive as well as adverse, from several sources
and with several certainties, a few for the clinical team only. The children whose
sharing consent names the demo partner's agency (ecm.consent.demo.SHARED_WITH_PARTNER)
also get a few contributions from that agency waiting for the psychologist's review,
one of them a duplicate of an event already on the timeline.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.consent.demo import SHARED_WITH_PARTNER
from ecm.demo.data import REFERENCE_DAY
from ecm.organisations.models import Membership, PartnerAgency, Role, Service
from ecm.timeline import when as periods
from ecm.timeline.demo_stories import CONTRIBUTIONS, STORIES, Story
from ecm.timeline.models import (
    EventCategory,
    RevisionAction,
    Status,
    TimelineEvent,
    TimelineEventRevision,
)
from ecm.timeline.services import snapshot

CHILDREN = 10


def _sources(service: Service) -> dict[str, PartnerAgency]:
    agencies = PartnerAgency.objects.filter(service=service).order_by("name")
    found: dict[str, PartnerAgency] = {}
    for agency in agencies:
        found.setdefault(agency.kind, agency)
    return found


def _date_in(rng: random.Random, born: date, age: int, latest: date) -> date:
    start = periods.birthday(born, age)
    day = start + timedelta(days=rng.randint(0, 360))
    return max(born, min(day, latest))


def _event(
    rng: random.Random,
    child: Child,
    story: Story,
    category: EventCategory,
    sources: dict[str, PartnerAgency],
    people: tuple[User, User],
) -> TimelineEvent | None:
    age_now = child.age_on(REFERENCE_DAY)
    if story.ages[0] > age_now:
        return None
    age = rng.randint(story.ages[0], min(story.ages[1], age_now))
    day = (
        child.date_of_birth
        if story.at_birth
        else _date_in(rng, child.date_of_birth, age, REFERENCE_DAY - timedelta(days=7))
    )
    if story.precision == "age":
        when = periods.at_age(child.date_of_birth, age)
        if when.starts_on > REFERENCE_DAY:
            return None
    elif story.precision == "range":
        end = min(day + timedelta(days=round(story.months * 30.4)), REFERENCE_DAY)
        when = periods.When("range", day, end)
    else:
        when = periods.on(periods.as_partial(story.precision, day))
    if story.source in {"family", "child"}:
        kind, agency = story.source, None
    else:
        kind, agency = "agency", sources.get(story.source)
    case_manager, psychologist = people
    return TimelineEvent(
        child=child,
        title=story.title,
        description=story.description,
        category=category,
        valence=story.valence or category.default_valence,
        precision=when.precision,
        starts_on=when.starts_on,
        ends_on=when.ends_on,
        age_years=when.age_years,
        source_kind=kind,
        source_agency=agency,
        certainty=story.certainty,
        visibility="clinical" if story.clinical else "everyone",
        significant=story.significant,
        contributed_by=psychologist if story.clinical else case_manager,
    )


def _contributions(
    rng: random.Random,
    child: Child,
    agency: PartnerAgency,
    partner: User,
    categories: dict[str, EventCategory],
    accepted: list[TimelineEvent],
) -> list[TimelineEvent]:
    """Two or three events from the partner's agency, waiting for review."""
    stories = list(CONTRIBUTIONS.get(agency.kind, CONTRIBUTIONS["education"]))
    events = []
    for code, title, description in rng.sample(stories, min(len(stories), 2)):
        day = REFERENCE_DAY - timedelta(days=rng.randint(20, 300))
        events.append((code, title, description, periods.on(periods.partial(day.year, day.month))))
    if accepted:
        # The same event the agency knows too: the psychologist merges it.
        original = rng.choice(accepted)
        events.append(
            (
                original.category.code,
                original.title.lower().capitalize(),
                "",
                periods.When(
                    original.precision, original.starts_on, original.ends_on, original.age_years
                ),
            )
        )
    return [
        TimelineEvent(
            child=child,
            title=title,
            description=description,
            category=categories[code],
            valence=categories[code].default_valence,
            precision=when.precision,
            starts_on=when.starts_on,
            ends_on=when.ends_on,
            age_years=when.age_years,
            source_kind="agency",
            source_agency=agency,
            certainty="reported",
            status=Status.PENDING,
            contributed_by=partner,
        )
        for code, title, description, when in events
    ]


def _partner(service: Service, number: int) -> tuple[User, PartnerAgency] | None:
    membership = (
        Membership.objects.filter(
            service=service, role=Role.PARTNER, user__username=f"partner-{number}"
        )
        .select_related("user", "agency")
        .first()
    )
    if membership is None or membership.agency is None:
        return None
    return membership.user, membership.agency


def load_demo(service: Service, number: int) -> int:
    people = (
        User.objects.get(username=f"case-manager-{number}"),
        User.objects.get(username=f"psychologist-{number}"),
    )
    categories = {c.code: c for c in EventCategory.objects.all()}
    sources = _sources(service)
    partner = _partner(service, number)
    children = list(Child.objects.filter(service=service).order_by("local_reference")[:CHILDREN])
    done = set(TimelineEvent.objects.filter(child__in=children).values_list("child_id", flat=True))
    events: list[TimelineEvent] = []
    for index, child in enumerate(children):
        if child.pk in done:
            continue
        rng = random.Random(f"ecm-demo-timeline-{number}-{child.local_reference}")
        possible = [
            event
            for story in STORIES
            if (event := _event(rng, child, story, categories[story.code], sources, people))
        ]
        count = rng.randint(min(15, len(possible)), min(40, len(possible)))
        chosen = sorted(rng.sample(possible, count), key=lambda e: e.starts_on)
        events += chosen
        if partner is not None and index in SHARED_WITH_PARTNER:
            accepted = [e for e in chosen if e.visibility == "everyone"]
            events += _contributions(rng, child, partner[1], partner[0], categories, accepted)
    TimelineEvent.objects.bulk_create(events)
    # One event of each child was confirmed after it was first recorded: its history.
    revisions = [
        TimelineEventRevision(
            event=event,
            version=1,
            action=RevisionAction.ADDED,
            snapshot=snapshot(event),
            changed_by=event.contributed_by,
        )
        for event in events
    ]
    confirmed: dict[int, TimelineEvent] = {}
    for event in events:
        if event.certainty == "reported" and event.status == Status.ACCEPTED:
            confirmed.setdefault(event.child_id, event)
    for event in confirmed.values():
        event.certainty, event.version = "confirmed", 2
        revisions.append(
            TimelineEventRevision(
                event=event,
                version=2,
                action=RevisionAction.CHANGED,
                snapshot=snapshot(event),
                changed_by=people[1],
            )
        )
    TimelineEvent.objects.bulk_update(list(confirmed.values()), ["certainty", "version"])
    TimelineEventRevision.objects.bulk_create(revisions)
    return len(events) + len(revisions)
