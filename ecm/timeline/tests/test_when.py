"""When an event happened: every way of entering it, how it reads, and what is refused."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm.timeline import when as periods
from ecm.timeline.when import Partial, When, WhenError

BORN = date(2010, 5, 3)
TODAY = date(2026, 9, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27/3/2015", When("exact", date(2015, 3, 27))),
        ("27.3.2015", When("exact", date(2015, 3, 27))),
        ("27 March 2015", When("exact", date(2015, 3, 27))),
        ("3/2015", When("month", date(2015, 3, 1), date(2015, 3, 31))),
        ("march 2015", When("month", date(2015, 3, 1), date(2015, 3, 31))),
        ("Mawrth 2015", When("month", date(2015, 3, 1), date(2015, 3, 31))),
        ("2/2016", When("month", date(2016, 2, 1), date(2016, 2, 29))),
        ("2015", When("year", date(2015, 1, 1), date(2015, 12, 31))),
        ("age 7", When("age", date(2017, 5, 3), date(2018, 5, 2), 7)),
        ("around age 7", When("age", date(2017, 5, 3), date(2018, 5, 2), 7)),
        ("Aged 0", When("age", date(2010, 5, 3), date(2011, 5, 2), 0)),
        ("tua oed 7", When("age", date(2017, 5, 3), date(2018, 5, 2), 7)),
        ("2015–2017", When("range", date(2015, 1, 1), date(2017, 12, 31))),
        ("2015-2017", When("range", date(2015, 1, 1), date(2017, 12, 31))),
        ("2015 to 2017", When("range", date(2015, 1, 1), date(2017, 12, 31))),
        ("3/2015 - 6/2016", When("range", date(2015, 3, 1), date(2016, 6, 30))),
        ("1/9/2015 to 20/7/2016", When("range", date(2015, 9, 1), date(2016, 7, 20))),
    ],
)
def test_every_way_of_saying_when(text: str, expected: When) -> None:
    assert periods.parse(text, BORN) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter when it happened"),
        ("last summer", "Enter when it happened as a date (27/3/2015)"),
        ("31/2/2015", "The date must be a real date"),
        ("13/2015", "The month must be a number from 1 to 12"),
        ("2017 to 2015", "The end of the period must be the same as or after its start"),
    ],
)
def test_unreadable_when_is_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(WhenError) as error:
        periods.parse(text, BORN)
    assert str(error.value).startswith(message)


def test_born_on_29_february_turns_an_age_on_1_march() -> None:
    leap = date(2012, 2, 29)
    assert periods.at_age(leap, 1) == When("age", date(2013, 3, 1), date(2014, 2, 28), 1)
    assert periods.at_age(leap, 4) == When("age", date(2016, 2, 29), date(2017, 2, 28), 4)


@pytest.mark.parametrize(
    ("when", "problems"),
    [
        (periods.on(Partial(2010, 5, 3)), []),
        (periods.on(Partial(2010)), []),  # the year of birth includes days after it
        (periods.on(Partial(2010, 5, 2)), ["start"]),
        (periods.on(Partial(2009)), ["start"]),
        (periods.on(Partial(2026, 9, 1)), []),
        (periods.on(Partial(2026, 9, 2)), ["start"]),
        (periods.on(Partial(2026, 10)), ["start"]),
        (periods.at_age(BORN, 16), []),
        (periods.at_age(BORN, 17), ["age"]),
        (periods.between(Partial(2009), Partial(2012)), ["start"]),
        (periods.between(Partial(2024), Partial(2026)), []),
        (periods.between(Partial(2024), Partial(2027)), ["end"]),
    ],
)
def test_nothing_before_birth_in_the_future_or_older_than_now(
    when: When, problems: list[str]
) -> None:
    assert [part for part, _ in periods.check(when, BORN, TODAY)] == problems


def test_messages_name_the_date_of_birth_and_the_age() -> None:
    (_, before), *_ = periods.check(periods.on(Partial(2009)), BORN, TODAY)
    assert before == "When it happened must be on or after the child's date of birth, 3 May 2010"
    (_, older), *_ = periods.check(periods.at_age(BORN, 17), BORN, TODAY)
    assert older == "Age must be 16 or less: the child is 16 now"


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("27/3/2015", "27 March 2015"),
        ("3/2015", "March 2015"),
        ("2015", "2015"),
        ("age 7", "Around age 7"),
        ("2015-2017", "2015 to 2017"),
        ("3/2015 - 6/2016", "March 2015 to June 2016"),
        ("1/9/2015 to 20/7/2016", "1 September 2015 to 20 July 2016"),
    ],
)
def test_how_a_period_reads_and_is_written_back(text: str, reads: str) -> None:
    parsed = periods.parse(text, BORN)
    args = (parsed.precision, parsed.starts_on, parsed.ends_on, parsed.age_years)
    assert periods.describe(*args) == reads
    assert periods.parse(periods.as_text(*args), BORN) == parsed


@given(
    start=st.dates(min_value=date(2010, 5, 3), max_value=date(2026, 9, 1)),
    days=st.integers(min_value=0, max_value=4000),
)
def test_a_period_of_days_always_reads_back_the_same(start: date, days: int) -> None:
    end = date.fromordinal(min(start.toordinal() + days, date(2026, 12, 31).toordinal()))
    when = periods.between(
        Partial(start.year, start.month, start.day), Partial(end.year, end.month, end.day)
    )
    text = periods.as_text(when.precision, when.starts_on, when.ends_on, None)
    assert periods.parse(text, BORN) == when
