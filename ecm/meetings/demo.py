"""Demo: formulation meetings held over the past year, with agency attendance that
tails off, actions and the tiers agreed (one child moves from tier 1 to 2 and back
to 1 after a crisis), and meetings coming up with invitations.

The demo partner (partner-<n>) is invited, through their agency, to meetings of
two children whose sharing consent names the agency (so they can answer and
download a limited pack), and to one of a child whose consent does not (they see
nothing of it). Which children share is decided in ecm/consent/demo.py.

Deterministic (seeded by the service number) and idempotent: a service whose
children already have meetings is left as it is. Dates are relative to today, so
the meetings to come are always in the future.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.consent.demo import SHARED_WITH_PARTNER
from ecm.consent.models import RelatedPerson
from ecm.meetings.models import FormulationMeeting, Invitation, MeetingAction, MeetingStatus
from ecm.organisations.models import Membership, PartnerAgency, Role, Service
from ecm.trm.models import Tier, TierAssessment

# Child (by position in reference order): (months ago, tier agreed) for each held
# meeting. The first child moves from tier 1 to 2, and back to 1 after a crisis.
HELD: dict[int, list[tuple[int, int]]] = {
    SHARED_WITH_PARTNER[0]: [(11, 1), (6, 2), (2, 1)],
    SHARED_WITH_PARTNER[1]: [(10, 1), (4, 2)],
    SHARED_WITH_PARTNER[2]: [(9, 2), (5, 3), (1, 3)],
    SHARED_WITH_PARTNER[3]: [(8, 1), (3, 1)],
    11: [(7, 2), (2, 2)],
    12: [(12, 1), (6, 2)],
}
# Meetings to come (child, days from today, whether the demo partner's agency is invited).
NOT_SHARED_WITH_PARTNER = 7
UPCOMING = (
    (SHARED_WITH_PARTNER[0], 10, True),
    (SHARED_WITH_PARTNER[1], 17, True),
    (NOT_SHARED_WITH_PARTNER, 12, True),
    (SHARED_WITH_PARTNER[2], 24, False),
)
EVIDENCE = {
    1: "Missed three of the last five appointments; sleeping at different addresses; "
    "says nobody tells them what is happening.",
    2: "Comes to most sessions at the same time each week and has started to test the "
    "relationship with their case manager: late on purpose, then checks we are still there.",
    3: "Has begun to talk about what happened at home when they were small. Needs a "
    "calm, predictable space; the psychologist is offering sessions.",
}
CRISIS = (
    "Back to tier 1 after the crisis in the summer: moved home twice in a month and "
    "stopped coming to sessions. Attendance is the goal again for now."
)
NOTES = (
    "Timeline built together. School described a bright child who settles with one "
    "trusted adult. Family shared the early years; gaps around the move to the coast.",
    "Agreed to keep the same day, time and room every week. The family asked for "
    "letters in Welsh. Police shared two recent contacts, both as a victim.",
    "Reviewed what has changed since the last meeting. Fewer agencies could come; the "
    "chair will share the notes with those who sent apologies.",
)
ACTIONS = (
    ("Ask the school for the attendance record since September", None, "Head of year 9"),
    ("Book a speech and language assessment", "psychologist", ""),
    ("Arrange the same room every Tuesday at 4pm", "case_manager", ""),
    ("Share the meeting notes with the agencies who sent apologies", "psychologist", ""),
    ("Talk with Nain about the family time plan", "case_manager", ""),
    ("Check housing options with children's services", None, "Children's services duty team"),
)
PLACES = ("Room 2, youth justice office", "Canolfan y Dref, meeting room 1", "")


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _invite(
    rng: random.Random,
    made: FormulationMeeting,
    agencies: list[PartnerAgency],
    case_manager: User | None,
    family: RelatedPerson | None,
    *,
    attendance: float | None,
) -> int:
    """Invitations; with `attendance`, who came (the chance an agency came)."""
    rows = [Invitation(meeting=made, agency=agency) for agency in agencies]
    if case_manager is not None:
        rows.append(Invitation(meeting=made, invitee=case_manager))
    if family is not None:
        rows.append(
            Invitation(meeting=made, name=family.full_name, role_note=family.relationship_label)
        )
    for row in rows:
        if attendance is None:
            continue
        came = rng.random() < attendance if row.agency is not None else rng.random() < 0.85
        row.attended = came
        row.response = "confirmed" if came or rng.random() < 0.3 else "apologies"
        row.responded_at = made.starts_at - timedelta(days=rng.randint(1, 6))
    Invitation.objects.bulk_create(rows)
    return len(rows)


def load_demo(service: Service, number: int) -> int:
    if FormulationMeeting.objects.filter(child__service=service).exists():
        return 0
    rng = random.Random(f"ecm-demo-meetings-{number}")
    children = list(Child.objects.filter(service=service).order_by("local_reference"))
    chair = User.objects.get(username=f"psychologist-{number}")
    agencies = list(PartnerAgency.objects.filter(service=service).order_by("name"))
    partner = Membership.objects.filter(
        service=service, role=Role.PARTNER, user__username=f"partner-{number}"
    ).first()
    partner_agency = partner.agency if partner is not None else None
    others = [a for a in agencies if a != partner_agency]
    tiers = {tier.number: tier for tier in Tier.objects.all()}
    families: dict[int, RelatedPerson] = {}
    for person in RelatedPerson.objects.filter(child__service=service).order_by("pk"):
        families.setdefault(person.child_id, person)
    today = timezone.localdate()
    created = 0
    for index, plan in HELD.items():
        if index >= len(children):
            continue
        child = children[index]
        for step, (months_ago, tier_number) in enumerate(plan):
            day = today - timedelta(days=months_ago * 30 + rng.randint(0, 12))
            made = FormulationMeeting.objects.create(
                child=child,
                starts_at=_at(day, rng.choice((10, 13, 14))),
                place=rng.choice(PLACES[:2]),
                online=rng.random() < 0.2,
                chair=chair,
                scheduled_by=chair,
                welsh_offered=True,
                language_used="cy" if child.language_preference == "cy" else "en",
                status=MeetingStatus.HELD,
                notes=NOTES[min(step, len(NOTES) - 1)],
            )
            invited = ([partner_agency] if partner_agency else []) + rng.sample(
                others, min(len(others), 3)
            )
            # Agencies came less and less often over the year.
            chance = 0.35 + 0.55 * min(months_ago, 12) / 12
            created += 1 + _invite(
                rng, made, invited, child.case_manager, families.get(child.pk), attendance=chance
            )
            for description, role, name in rng.sample(ACTIONS, 2):
                owner = chair if role == "psychologist" else child.case_manager if role else None
                MeetingAction.objects.create(
                    meeting=made,
                    description=description,
                    owner=owner,
                    owner_name="" if owner else name or "Head of year 9",
                    due_on=day + timedelta(days=rng.randint(14, 42)),
                    done=months_ago > 2,
                    recorded_by=chair,
                )
                created += 1
            crisis = step > 0 and tier_number < plan[step - 1][1]
            TierAssessment.objects.create(
                child=child,
                tier=tiers[tier_number],
                assessed_on=day,
                assessed_by=chair,
                evidence=CRISIS if crisis else EVIDENCE.get(tier_number, EVIDENCE[3]),
                meeting=made,
            )
            created += 1
    for index, days, partner_invited in UPCOMING:
        if index >= len(children):
            continue
        child = children[index]
        made = FormulationMeeting.objects.create(
            child=child,
            starts_at=_at(today + timedelta(days=days), 10),
            place=PLACES[0],
            online=False,
            chair=chair,
            scheduled_by=chair,
        )
        invited = [partner_agency] if partner_invited and partner_agency else []
        invited += rng.sample(others, min(len(others), 2))
        created += 1 + _invite(
            rng, made, invited, child.case_manager, families.get(child.pk), attendance=None
        )
    return created
