"""Bank holidays in England and Wales by rule (offline), against the published dates for
2025, 2026 and 2027, with substitute days; working days for follow-ups."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from ecm.compliance.bank_holidays import (
    add_working_days,
    bank_holidays,
    easter_sunday,
    is_working_day,
    working_days_between,
)

# As published for England and Wales.
KNOWN = {
    2025: [
        date(2025, 1, 1),
        date(2025, 4, 18),
        date(2025, 4, 21),
        date(2025, 5, 5),
        date(2025, 5, 26),
        date(2025, 8, 25),
        date(2025, 12, 25),
        date(2025, 12, 26),
    ],
    2026: [
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),  # Boxing Day is a Saturday: substitute on Monday
    ],
    2027: [
        date(2027, 1, 1),
        date(2027, 3, 26),
        date(2027, 3, 29),
        date(2027, 5, 3),
        date(2027, 5, 31),
        date(2027, 8, 30),
        date(2027, 12, 27),  # Christmas Day is a Saturday
        date(2027, 12, 28),  # and Boxing Day a Sunday
    ],
}


@pytest.mark.parametrize("year", sorted(KNOWN))
def test_known_years(year: int) -> None:
    assert sorted(bank_holidays(year)) == KNOWN[year]


def test_easter() -> None:
    assert [easter_sunday(y) for y in (2024, 2025, 2026, 2027, 2038)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2038, 4, 25),
    ]


def test_substitute_days() -> None:
    # New Year's Day on a Saturday; Christmas Day on a Sunday.
    assert date(2028, 1, 3) in bank_holidays(2028)
    assert date(2028, 1, 1) not in bank_holidays(2028)
    assert {date(2022, 12, 26), date(2022, 12, 27)} <= bank_holidays(2022)
    assert date(2022, 12, 25) not in bank_holidays(2022)


def test_days_moved_or_added_by_proclamation() -> None:
    assert {date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19)} <= bank_holidays(2022)
    assert date(2022, 5, 30) not in bank_holidays(2022)
    assert date(2023, 5, 8) in bank_holidays(2023)


def test_one_off_days_from_the_settings() -> None:
    assert is_working_day(date(2027, 6, 7))
    with override_settings(ECM_EXTRA_BANK_HOLIDAYS=["2027-06-07"]):
        assert date(2027, 6, 7) in bank_holidays(2027)
        assert not is_working_day(date(2027, 6, 7))
        assert add_working_days(date(2027, 6, 4), 1) == date(2027, 6, 8)
    with (
        override_settings(ECM_EXTRA_BANK_HOLIDAYS=["7 June 2027"]),
        pytest.raises(ImproperlyConfigured),
    ):
        bank_holidays(2027)


@pytest.mark.parametrize(
    ("missed", "due"),
    [
        (date(2026, 11, 24), date(2026, 11, 25)),  # Tuesday: Wednesday
        (date(2026, 11, 27), date(2026, 11, 30)),  # Friday: Monday
        (date(2026, 11, 28), date(2026, 11, 30)),  # Saturday: Monday
        (date(2026, 4, 2), date(2026, 4, 7)),  # before Good Friday and Easter Monday
        (date(2026, 12, 24), date(2026, 12, 29)),  # Christmas, and Boxing Day's substitute
        (date(2027, 12, 24), date(2027, 12, 29)),
        (date(2026, 8, 28), date(2026, 9, 1)),  # the summer bank holiday
    ],
)
def test_one_working_day_later(missed: date, due: date) -> None:
    assert add_working_days(missed, 1) == due
    assert working_days_between(missed, due) == 1


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_next_working_day_is_the_first_working_day_after(day: date) -> None:
    following = add_working_days(day, 1)
    assert following > day
    assert is_working_day(following)
    between = [day + timedelta(days=n) for n in range(1, (following - day).days)]
    assert not any(is_working_day(d) for d in between)
    assert (following - day).days <= 5
