"""Bank holidays in England and Wales and working days, computed by rule: no network,
so due dates work offline and on every instance alike.

The rules: New Year's Day, Good Friday, Easter Monday, the early May bank holiday (first
Monday of May), the spring bank holiday (last Monday of May), the summer bank holiday
(last Monday of August), Christmas Day and Boxing Day. A holiday that falls at a weekend
is replaced by the next weekday that is not already a holiday (the substitute day).

Governments sometimes move or add a day by proclamation. The days changed so far are in
`PROCLAIMED`; a future one-off day goes in the setting `ECM_EXTRA_BANK_HOLIDAYS` (ISO
dates, for example "2027-06-07"), so nobody needs to change code for it.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SATURDAY = 5

# Days added (True) or taken away (False) by proclamation, unlike the rules.
PROCLAIMED: dict[date, bool] = {
    date(2011, 4, 29): True,  # a royal wedding
    date(2012, 5, 28): False,  # the spring bank holiday moved to 4 June
    date(2012, 6, 4): True,
    date(2012, 6, 5): True,  # the Diamond Jubilee
    date(2020, 5, 4): False,  # the early May bank holiday moved to VE Day
    date(2020, 5, 8): True,
    date(2022, 5, 30): False,  # the spring bank holiday moved to 2 June
    date(2022, 6, 2): True,
    date(2022, 6, 3): True,  # the Platinum Jubilee
    date(2022, 9, 19): True,  # the state funeral of Queen Elizabeth II
    date(2023, 5, 8): True,  # the coronation of King Charles III
}


def easter_sunday(year: int) -> date:
    """Easter Day in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def _with_substitutes(days: list[date]) -> set[date]:
    """Each day, or if it falls at a weekend, the next weekday not already taken."""
    taken = {day for day in days if day.weekday() < SATURDAY}
    for day in days:
        if day.weekday() >= SATURDAY:
            substitute = day
            while substitute.weekday() >= SATURDAY or substitute in taken:
                substitute += timedelta(days=1)
            taken.add(substitute)
    return taken


@cache
def by_rule(year: int) -> frozenset[date]:
    """The year's bank holidays in England and Wales by the usual rules."""
    easter = easter_sunday(year)
    days = {
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    days |= _with_substitutes([date(year, 1, 1)])
    days |= _with_substitutes([date(year, 12, 25), date(year, 12, 26)])
    return frozenset(days)


def extra_days() -> frozenset[date]:
    """One-off days from the setting ECM_EXTRA_BANK_HOLIDAYS."""
    values = getattr(settings, "ECM_EXTRA_BANK_HOLIDAYS", [])
    try:
        return frozenset(
            value if isinstance(value, date) else date.fromisoformat(str(value).strip())
            for value in values
        )
    except ValueError as error:
        raise ImproperlyConfigured(
            "ECM_EXTRA_BANK_HOLIDAYS must be dates written as YYYY-MM-DD."
        ) from error


def bank_holidays(year: int) -> frozenset[date]:
    """The year's bank holidays: the rules, the proclaimed changes and the extra days."""
    days = set(by_rule(year))
    for day, added in PROCLAIMED.items():
        if day.year == year:
            (days.add if added else days.discard)(day)
    days |= {day for day in extra_days() if day.year == year}
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY and day not in bank_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The working day `count` working days after `day` (which need not be one itself)."""
    result = day
    while count > 0:
        result += timedelta(days=1)
        if is_working_day(result):
            count -= 1
    return result


def working_days_between(start: date, end: date) -> int:
    """How many working days come after `start`, up to and including `end`."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
