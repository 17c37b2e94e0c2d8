"""Invented offence histories and orders for the demo children (see ecm.demo).

Deterministic and idempotent: a child who already has offences or orders is left alone.
Dates are relative to the demo's reference day, 1 September 2026. Every child gets a
profile (see `profile`), which ecm.needs.demo uses too:
- "ecm": five offences in the 12 months before the reference day, and a current youth
  rehabilitation order ending more than 6 months after it;
- "prevention": no offending (the needs demo gives these children complex needs);
- "varied": anything from no offences to twelve over three years.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.demo.data import REFERENCE_DAY
from ecm.offending.models import Offence, Order, OrderType, Outcome, Requirement
from ecm.organisations.models import Service

# (category, description, seriousness): mostly the everyday offences (2 to 4).
OFFENCES = (
    ("theft_and_handling", "Took food and energy drinks from a supermarket", 2),
    ("theft_and_handling", "Took a phone charger and headphones from a shop", 2),
    ("theft_and_handling", "Handled a bicycle that had been stolen", 3),
    ("criminal_damage", "Broke a bus shelter window", 2),
    ("criminal_damage", "Damaged a door at the children's home", 2),
    ("criminal_damage", "Graffiti on the wall of the leisure centre", 2),
    ("public_order", "Shouting and threatening behaviour outside a takeaway", 2),
    ("public_order", "Fighting in the street with peers", 3),
    ("violence_against_the_person", "Pushed and punched a peer at school", 3),
    ("violence_against_the_person", "Assaulted a member of staff at the children's home", 3),
    ("violence_against_the_person", "Assault occasioning actual bodily harm during an argument", 4),
    ("violence_against_the_person", "Carried a kitchen knife in a public place", 4),
    ("drugs", "Possession of cannabis", 2),
    ("drugs", "Possession of cannabis with intent to supply, under the direction of adults", 5),
    ("vehicle_theft", "Allowed themself to be carried in a vehicle taken without consent", 3),
    ("vehicle_theft", "Took a moped without the owner's consent", 3),
    ("motoring", "Rode a moped without insurance or a licence", 2),
    ("burglary", "Entered a garden shed and took tools", 4),
    ("burglary", "Burglary of a house with older peers", 5),
    ("robbery", "Took a younger child's phone by threatening them", 6),
    ("breach_of_statutory_order", "Did not keep to the conditions of the order", 2),
    ("fraud_and_forgery", "Used a relative's bank card without permission", 3),
    ("racially_aggravated", "Racially aggravated abuse towards a shop worker", 3),
    ("arson", "Set fire to a bin next to a school building", 4),
)
EVERYDAY = [o for o in OFFENCES if o[2] <= 4]

COURT_MONTHS: dict[str, tuple[int, int]] = {
    OrderType.REFERRAL_ORDER: (3, 12),
    OrderType.YOUTH_REHABILITATION_ORDER: (6, 18),
    OrderType.DETENTION_AND_TRAINING_ORDER: (4, 12),
}
OPTIONAL_REQUIREMENTS = (
    Requirement.ACTIVITY,
    Requirement.CURFEW,
    Requirement.PROGRAMME,
    Requirement.EDUCATION,
    Requirement.MENTAL_HEALTH_TREATMENT,
    Requirement.DRUG_TREATMENT,
    Requirement.ATTENDANCE_CENTRE,
    Requirement.EXCLUSION,
)


def months_after(day: date, months: int) -> date:
    return day + timedelta(days=round(months * 30.44))


def profile(index: int, child: Child) -> str:
    """The demo story of the child at this position in the service's list of children."""
    age = child.age_on(REFERENCE_DAY)
    if index % 5 == 0 and age >= 12:
        return "ecm"
    if index % 10 == 2 and age >= 14:
        return "custody"
    if index % 5 == 1 or age < 11:
        return "prevention"
    return "varied"


def _outcome(rng: random.Random, seriousness: int, earlier: int) -> str:
    """Out-of-court first, court orders as offences repeat or grow more serious."""
    if earlier == 0 and seriousness <= 3:
        return rng.choice([Outcome.COMMUNITY_RESOLUTION, Outcome.YOUTH_CAUTION])
    if earlier <= 2 and seriousness <= 3:
        return rng.choice(
            [
                Outcome.YOUTH_CAUTION,
                Outcome.YOUTH_CONDITIONAL_CAUTION,
                Outcome.NO_FURTHER_ACTION,
                Outcome.COMMUNITY_RESOLUTION,
            ]
        )
    if earlier <= 4:
        return rng.choice([Outcome.REFERRAL_ORDER, Outcome.NO_FURTHER_ACTION])
    return rng.choice([Outcome.YOUTH_REHABILITATION_ORDER, Outcome.REFERRAL_ORDER])


def _days_ago(rng: random.Random, nearest: int, furthest: int) -> date:
    return REFERENCE_DAY - timedelta(days=rng.randint(nearest, furthest))


def _offence_dates(rng: random.Random, child: Child, kind: str) -> list[date]:
    """Never before the child's tenth birthday, nor in the last two weeks before the
    reference day (so that every outcome is known)."""
    earliest = max(REFERENCE_DAY - timedelta(days=3 * 365), months_after(child.date_of_birth, 121))
    span = (REFERENCE_DAY - earliest).days
    if kind == "prevention" or span < 120:
        return []
    if kind == "ecm":
        # Five in the 12 months before the reference day, well inside the window; the
        # latest recent enough for a youth rehabilitation order still to run 6 months on.
        recent = [_days_ago(rng, 121, 320) for _ in range(4)] + [_days_ago(rng, 20, 120)]
        older = [_days_ago(rng, 400, span) for _ in range(rng.randint(0, 3)) if span > 400]
        return sorted(recent + older)
    count = (
        rng.randint(6, 9)
        if kind == "custody"
        else rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 12])
    )
    return sorted(_days_ago(rng, 14, span) for _ in range(count))


def _requirements(rng: random.Random) -> list[str]:
    chosen = [Requirement.SUPERVISION, *rng.sample(OPTIONAL_REQUIREMENTS, rng.randint(1, 3))]
    if Requirement.CURFEW in chosen and rng.random() < 0.5:
        chosen.append(Requirement.ELECTRONIC_MONITORING)
    return [str(code) for code in chosen]


def _order(rng: random.Random, child: Child, order_type: str, start: date, officer: User) -> Order:
    if order_type in COURT_MONTHS:
        low, high = COURT_MONTHS[order_type]
        if order_type == OrderType.YOUTH_REHABILITATION_ORDER:
            low = 12
        expected: date | None = months_after(start, rng.randint(low, high))
    elif order_type == OrderType.YOUTH_CONDITIONAL_CAUTION:
        expected = months_after(start, 3)
    else:
        expected = None  # community resolutions and youth cautions are given there and then
    ended = expected or start
    return Order(
        child=child,
        order_type=order_type,
        start_date=start,
        expected_end_date=expected,
        end_date=ended if ended < REFERENCE_DAY else None,
        requirements=_requirements(rng)
        if order_type == OrderType.YOUTH_REHABILITATION_ORDER
        else [],
        responsible_officer=child.case_manager or officer,
        recorded_by=officer,
    )


def history(
    rng: random.Random, child: Child, kind: str, officer: User
) -> tuple[list[Offence], list[Order]]:
    offences: list[Offence] = []
    dates = _offence_dates(rng, child, kind)
    for number, committed in enumerate(dates):
        category, description, seriousness = rng.choice(
            EVERYDAY if rng.random() < 0.85 else OFFENCES
        )
        outcome = _outcome(rng, seriousness, number)
        if number == len(dates) - 1 and kind == "ecm":
            outcome = Outcome.YOUTH_REHABILITATION_ORDER
        if number == len(dates) - 1 and kind == "custody":
            category, description, seriousness = OFFENCES[19]
            outcome = Outcome.DETENTION_AND_TRAINING_ORDER
        proven = None
        if outcome != Outcome.NO_FURTHER_ACTION:
            delay = rng.randint(21, 70) if outcome in COURT_MONTHS else rng.randint(3, 13)
            proven = min(committed + timedelta(days=delay), REFERENCE_DAY - timedelta(days=1))
        offences.append(
            Offence(
                child=child,
                offence_date=committed,
                description=description,
                category=category,
                seriousness=seriousness,
                outcome=outcome,
                proven_on=proven,
                recorded_by=officer,
            )
        )
    if kind in {"ecm", "custody"} and offences:
        # The story's order is the last one made, so that nothing revokes it.
        last = offences[-1]
        latest = max((o.proven_on for o in offences if o.proven_on), default=last.offence_date)
        last.proven_on = min(
            latest + timedelta(days=rng.randint(1, 14)), REFERENCE_DAY - timedelta(days=1)
        )
    orders: list[Order] = []
    decisions = sorted((o.proven_on, o is offences[-1], o.outcome) for o in offences if o.proven_on)
    for start, _, outcome in decisions:
        if outcome in COURT_MONTHS:
            for earlier in orders:
                # A new court order replaces one still running (revoked and re-sentenced).
                if earlier.is_statutory and earlier.is_current(start):
                    earlier.end_date = start
        orders.append(_order(rng, child, outcome, start, officer))
    return offences, orders


def load_demo(service: Service, number: int) -> int:
    officer = User.objects.get(username=f"case-manager-{number}")
    children = Child.objects.filter(service=service).select_related("case_manager")
    done = set(Offence.objects.filter(child__service=service).values_list("child_id", flat=True))
    done |= set(Order.objects.filter(child__service=service).values_list("child_id", flat=True))
    offences: list[Offence] = []
    orders: list[Order] = []
    for index, child in enumerate(children.order_by("local_reference")):
        if child.pk in done:
            continue
        rng = random.Random(f"ecm-demo-offending-{number}-{child.local_reference}")
        child_offences, child_orders = history(rng, child, profile(index, child), officer)
        offences += child_offences
        orders += child_orders
    Offence.objects.bulk_create(offences)
    Order.objects.bulk_create(orders)
    return len(offences) + len(orders)
