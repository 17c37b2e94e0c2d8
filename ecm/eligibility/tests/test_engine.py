"""Every shipped rule set at its boundaries, and properties that hold for any facts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecm.eligibility.engine import (
    Facts,
    NeedFact,
    OffenceFact,
    OrderFact,
    Outcome,
    Overall,
    Rule,
    evaluate,
    months_before,
    overall,
)
from ecm.eligibility.models import CriterionKind

ON = date(2026, 9, 1)
BORN = date(2011, 3, 15)

ORIGINAL = [
    Rule(CriterionKind.OFFENCES_IN_WINDOW, threshold=5, window_months=12),
    Rule(CriterionKind.COMPLEX_NEEDS, threshold=3),
    Rule(CriterionKind.STATUTORY_ORDER),
]
REVISED = [
    Rule(CriterionKind.OFFENCES_IN_WINDOW, threshold=5, window_months=24),
    Rule(CriterionKind.COMPLEX_NEEDS, threshold=3),
    Rule(CriterionKind.STATUTORY_ORDER, allow_voluntary=True),
]
TRAUMA = [
    Rule(CriterionKind.EXPERIENCED_TRAUMA),
    Rule(CriterionKind.EXPECTED_DURATION, threshold=6),
]
PREVENTION = [
    Rule(CriterionKind.AGE_RANGE, min_age=8, max_age=17),
    Rule(CriterionKind.COMPLEX_NEEDS, threshold=3),
]

NEEDS = (
    NeedFact("Substance misuse", False),
    NeedFact("Bereavement", True),
    NeedFact("SLCN", False),
)
YRO = OrderFact("Youth rehabilitation order", date(2026, 3, 1), date(2027, 6, 1), None, True)


def offences_on(*days: date) -> tuple[OffenceFact, ...]:
    return tuple(OffenceFact(d, "Theft") for d in days)


def five_ending_on_edge() -> tuple[OffenceFact, ...]:
    edge = months_before(ON, 12)
    return offences_on(
        edge, ON - timedelta(days=30), ON - timedelta(days=60), ON - timedelta(days=90), ON
    )


def test_months_before_clamps_to_short_months() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2026, 9, 1), 24) == date(2024, 9, 1)


def test_original_exactly_five_offences_on_the_twelve_month_edge_is_met() -> None:
    facts = Facts(BORN, offences=five_ending_on_edge(), orders=(YRO,), needs=NEEDS)
    results = evaluate(ORIGINAL, facts, ON)
    assert results[0].outcome == Outcome.MET
    assert len(results[0].evidence) == 5
    assert overall(results) == Overall.ELIGIBLE


def test_original_one_day_outside_the_window_is_not_counted() -> None:
    edge = months_before(ON, 12)
    offences = (OffenceFact(edge - timedelta(days=1), "Theft"), *five_ending_on_edge()[1:])
    results = evaluate(ORIGINAL, Facts(BORN, offences=offences, orders=(YRO,), needs=NEEDS), ON)
    assert results[0].outcome == Outcome.NOT_MET
    assert overall(results) == Overall.NOT_ELIGIBLE


def test_original_needs_a_current_statutory_order() -> None:
    ended = OrderFact("Referral order", date(2025, 1, 1), None, date(2026, 1, 1), True)
    caution = OrderFact("Youth caution", date(2026, 8, 1), None, None, False)
    facts = Facts(BORN, offences=five_ending_on_edge(), orders=(ended, caution), needs=NEEDS)
    assert evaluate(ORIGINAL, facts, ON)[2].outcome == Outcome.NOT_MET
    voluntary = Facts(
        BORN, offences=five_ending_on_edge(), orders=(ended,), needs=NEEDS, voluntary=True
    )
    assert evaluate(ORIGINAL, voluntary, ON)[2].outcome == Outcome.NOT_MET
    assert evaluate(REVISED, voluntary, ON)[2].outcome == Outcome.MET


def test_revised_counts_twenty_four_months() -> None:
    older = offences_on(*(ON - timedelta(days=400 + 30 * i) for i in range(5)))
    facts = Facts(BORN, offences=older, orders=(YRO,), needs=NEEDS)
    assert evaluate(ORIGINAL, facts, ON)[0].outcome == Outcome.NOT_MET
    assert evaluate(REVISED, facts, ON)[0].outcome == Outcome.MET


def test_complex_needs_threshold_and_not_known() -> None:
    two = Facts(BORN, needs=NEEDS[:2])
    assert evaluate(ORIGINAL, two, ON)[1].outcome == Outcome.NOT_MET
    assert evaluate(ORIGINAL, Facts(BORN), ON)[1].outcome == Outcome.NOT_KNOWN
    assert evaluate(ORIGINAL, Facts(BORN), ON)[0].outcome == Outcome.NOT_KNOWN
    assert overall(evaluate(ORIGINAL, Facts(BORN), ON)) == Overall.NOT_KNOWN


def test_trauma_informed_uses_order_end_or_referral_estimate() -> None:
    facts = Facts(BORN, orders=(YRO,), needs=NEEDS)
    results = evaluate(TRAUMA, facts, ON)
    assert [r.outcome for r in results] == [Outcome.MET, Outcome.MET]
    ending_soon = OrderFact("Referral order", date(2026, 1, 1), date(2027, 2, 28), None, True)
    short = evaluate(TRAUMA, Facts(BORN, orders=(ending_soon,), needs=NEEDS), ON)
    assert short[1].outcome == Outcome.NOT_MET  # 5 whole months
    exactly = OrderFact("Referral order", date(2026, 1, 1), date(2027, 3, 1), None, True)
    assert evaluate(TRAUMA, Facts(BORN, orders=(exactly,), needs=NEEDS), ON)[1].outcome == (
        Outcome.MET
    )
    estimate = Facts(BORN, needs=NEEDS, expected_months=6)
    assert evaluate(TRAUMA, estimate, ON)[1].outcome == Outcome.MET
    no_trauma = Facts(BORN, needs=(NeedFact("Substance misuse", False),), expected_months=9)
    assert evaluate(TRAUMA, no_trauma, ON)[0].outcome == Outcome.NOT_KNOWN


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (date(2018, 9, 1), Outcome.MET),  # 8 today
        (date(2018, 9, 2), Outcome.NOT_MET),  # 8 tomorrow
        (date(2008, 9, 2), Outcome.MET),  # 17, turns 18 tomorrow
        (date(2008, 9, 1), Outcome.NOT_MET),  # 18 today
    ],
)
def test_prevention_age_boundaries(born: date, expected: Outcome) -> None:
    assert evaluate(PREVENTION, Facts(born, needs=NEEDS), ON)[0].outcome == expected


def test_child_turning_eighteen_during_the_episode() -> None:
    born = date(2008, 10, 1)  # 17 at screening, 18 a month later
    facts = Facts(born, needs=NEEDS)
    assert overall(evaluate(PREVENTION, facts, ON)) == Overall.ELIGIBLE
    assert overall(evaluate(PREVENTION, facts, date(2026, 10, 1))) == Overall.NOT_ELIGIBLE


dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 9, 1))
facts_strategy = st.builds(
    Facts,
    date_of_birth=st.dates(min_value=date(2005, 1, 1), max_value=date(2018, 1, 1)),
    offences=st.lists(st.builds(OffenceFact, dates, st.just("Offence")), max_size=15).map(tuple),
    orders=st.lists(
        st.builds(
            OrderFact, st.just("Order"), dates, st.none() | dates, st.none() | dates, st.booleans()
        ),
        max_size=4,
    ).map(tuple),
    needs=st.lists(st.builds(NeedFact, st.just("Need"), st.booleans()), max_size=10).map(tuple),
    voluntary=st.booleans(),
    expected_months=st.none() | st.integers(0, 36),
)
ALL_RULE_SETS = [ORIGINAL, REVISED, TRAUMA, PREVENTION]


@settings(max_examples=200, deadline=None)
@given(facts=facts_strategy, index=st.integers(0, 3))
def test_overall_is_eligible_exactly_when_every_criterion_is_met(facts: Facts, index: int) -> None:
    results = evaluate(ALL_RULE_SETS[index], facts, ON)
    assert len(results) == len(ALL_RULE_SETS[index])
    assert (overall(results) == Overall.ELIGIBLE) == all(r.outcome == Outcome.MET for r in results)
    if any(r.outcome == Outcome.NOT_MET for r in results):
        assert overall(results) == Overall.NOT_ELIGIBLE


@settings(max_examples=200, deadline=None)
@given(facts=facts_strategy, extra=st.builds(OffenceFact, dates, st.just("More")))
def test_more_offences_never_make_a_child_less_eligible(facts: Facts, extra: OffenceFact) -> None:
    before = evaluate(ORIGINAL, facts, ON)[0].outcome
    after = evaluate(
        ORIGINAL, Facts(**{**facts.__dict__, "offences": (*facts.offences, extra)}), ON
    )[0].outcome
    if before == Outcome.MET:
        assert after == Outcome.MET


@settings(max_examples=200, deadline=None)
@given(facts=facts_strategy)
def test_revised_is_never_stricter_than_original_on_offences(facts: Facts) -> None:
    original = evaluate(ORIGINAL, facts, ON)[0].outcome
    revised = evaluate(REVISED, facts, ON)[0].outcome
    if original == Outcome.MET:
        assert revised == Outcome.MET
