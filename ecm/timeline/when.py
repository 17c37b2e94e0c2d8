"""When a life event happened, however well it is known: a day, a month, a year, an age
("around age 7") or a period ("2015 to 2017"). Plain functions, no database.

Whatever is entered becomes a period, `starts_on` to `ends_on` (both included): a month
runs from its first to its last day, a year likewise, and an age from that birthday to
the day before the next one. `ends_on` is empty for a single day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ecm.timeline.models import Precision

EXACT, MONTH, YEAR, AGE, RANGE = (p.value for p in Precision)


class WhenError(ValueError):
    """What is wrong with a `when`, in words for the person who typed it."""


@dataclass(frozen=True)
class Partial:
    """A day, a month or a year: a date with the day, or the day and month, unknown."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return EXACT
        return MONTH if self.month is not None else YEAR

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day is not None:
            return self.first_day
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def describe(self) -> str:
        if self.day is not None:
            return date_format(self.first_day, "j F Y")
        if self.month is not None:
            return date_format(self.first_day, "F Y")
        return str(self.year)

    def as_text(self) -> str:
        parts = [self.day, self.month, self.year]
        return "/".join(str(p) for p in parts if p is not None)


def partial(year: int, month: int | None = None, day: int | None = None) -> Partial:
    """A checked Partial: a real date, a month 1 to 12, a 4-digit year, no day without month."""
    if not 1000 <= year <= 9999:
        raise WhenError(_("The year must have 4 digits, like 2015"))
    if month is None and day is not None:
        raise WhenError(_("Give the month as well as the day"))
    if month is not None and not 1 <= month <= 12:
        raise WhenError(_("The month must be a number from 1 to 12"))
    if day is not None and month is not None:
        try:
            date(year, month, day)
        except ValueError as error:
            raise WhenError(_("The date must be a real date")) from error
    return Partial(year, month, day)


@dataclass(frozen=True)
class When:
    precision: str
    starts_on: date
    ends_on: date | None = None
    age_years: int | None = None


def birthday(born: date, age: int) -> date:
    """The day the child turns `age` (1 March for a child born on 29 February, as
    Child.age_on counts it)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return date(born.year + age, 3, 1)


def on(when: Partial) -> When:
    if when.precision == EXACT:
        return When(EXACT, when.first_day)
    return When(when.precision, when.first_day, when.last_day)


def at_age(born: date, age: int) -> When:
    return When(AGE, birthday(born, age), birthday(born, age + 1) - timedelta(days=1), age)


def between(start: Partial, end: Partial) -> When:
    if end.last_day < start.first_day:
        raise WhenError(_("The end of the period must be the same as or after its start"))
    return When(RANGE, start.first_day, end.last_day)


def range_parts(starts_on: date, ends_on: date) -> tuple[Partial, Partial]:
    """The start and end of a period as they were most likely entered: whole years,
    whole months or days."""
    if (starts_on.month, starts_on.day, ends_on.month, ends_on.day) == (1, 1, 12, 31):
        return Partial(starts_on.year), Partial(ends_on.year)
    last = calendar.monthrange(ends_on.year, ends_on.month)[1]
    if starts_on.day == 1 and ends_on.day == last:
        return Partial(starts_on.year, starts_on.month), Partial(ends_on.year, ends_on.month)
    return (
        Partial(starts_on.year, starts_on.month, starts_on.day),
        Partial(ends_on.year, ends_on.month, ends_on.day),
    )


def as_partial(precision: str, starts_on: date) -> Partial:
    if precision == EXACT:
        return Partial(starts_on.year, starts_on.month, starts_on.day)
    if precision == MONTH:
        return Partial(starts_on.year, starts_on.month)
    return Partial(starts_on.year)


def describe(precision: str, starts_on: date, ends_on: date | None, age: int | None) -> str:
    """How the period reads: "27 March 2015", "March 2015", "2015", "Around age 7",
    "2015 to 2017"."""
    if precision == AGE:
        if not age:
            return _("In the first year of life")
        return _("Around age %(age)s") % {"age": age}
    if precision == RANGE and ends_on is not None:
        start, end = range_parts(starts_on, ends_on)
        return _("%(start)s to %(end)s") % {"start": start.describe(), "end": end.describe()}
    return as_partial(precision, starts_on).describe()


def as_text(precision: str, starts_on: date, ends_on: date | None, age: int | None) -> str:
    """The period written as the "when" box of the several-rows form reads it."""
    if precision == AGE:
        return _("age %(age)s") % {"age": age}
    if precision == RANGE and ends_on is not None:
        start, end = range_parts(starts_on, ends_on)
        return f"{start.as_text()} - {end.as_text()}"
    return as_partial(precision, starts_on).as_text()


def check(when: When, born: date, today: date) -> list[tuple[str, str]]:
    """Problems with a period for this child, as (part, message): the part is "start",
    "end" or "age". Nothing before the child was born, nothing in the future, no age
    above the child's age today."""
    problems: list[tuple[str, str]] = []
    birth = date_format(born, "j F Y")
    if when.precision == AGE:
        now = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if when.age_years is not None and when.age_years > now:
            problems.append(
                (
                    "age",
                    _("Age must be %(age)s or less: the child is %(age)s now") % {"age": now},
                )
            )
        return problems
    if when.precision == RANGE and when.ends_on is not None:
        start, end = range_parts(when.starts_on, when.ends_on)
        start_ends, end_starts = start.last_day, end.first_day
    else:
        start_ends, end_starts = when.ends_on or when.starts_on, when.starts_on
    period = when.precision == RANGE
    if start_ends < born:
        message = (
            _("The start of the period must be on or after the child's date of birth, %(date)s")
            if period
            else _("When it happened must be on or after the child's date of birth, %(date)s")
        )
        problems.append(("start", message % {"date": birth}))
    if when.starts_on > today:
        message = (
            _("The start of the period must be today or in the past")
            if period
            else _("When it happened must be today or in the past")
        )
        problems.append(("start", message))
    if period and end_starts > today:
        problems.append(("end", _("The end of the period must be today or in the past")))
    return problems


# Reading the "when" box of the several-rows form.

MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "ionawr"),
            ("february", "feb", "chwefror"),
            ("march", "mar", "mawrth"),
            ("april", "apr", "ebrill"),
            ("may", "mai"),
            ("june", "jun", "mehefin"),
            ("july", "jul", "gorffennaf"),
            ("august", "aug", "awst"),
            ("september", "sep", "sept", "medi"),
            ("october", "oct", "hydref"),
            ("november", "nov", "tachwedd"),
            ("december", "dec", "rhagfyr"),
        ),
        start=1,
    )
    for name in names
}
_NUMBERS = re.compile(r"^(?:(\d{1,2})[/.\- ])?(?:(\d{1,2})[/.\- ])?(\d{4})$")
_NAMED = re.compile(r"^(?:(\d{1,2})\s+)?([a-z]+)\s+(\d{4})$")
_AGE = re.compile(
    r"^(?:(?:around|about|approximately|approx\.?|c\.?|tua)\s+)?(?:aged?|oed)\s+(\d{1,2})$"
)
_SPLIT = re.compile(r"\s*(?:–|—|\bto\b|\btan\b|\s-\s)\s*|(?<=\d{4})-(?=\d)")


def _partial_text(text: str) -> Partial | None:
    match = _NUMBERS.match(text)
    if match:
        first, second, year = match.groups()
        if first is not None and second is None:
            return partial(int(year), int(first))
        if first is not None and second is not None:
            return partial(int(year), int(second), int(first))
        return partial(int(year))
    match = _NAMED.match(text)
    if match and match.group(2) in MONTH_NAMES:
        day = int(match.group(1)) if match.group(1) else None
        return partial(int(match.group(3)), MONTH_NAMES[match.group(2)], day)
    return None


def parse(text: str, born: date) -> When:
    """Reads "27/3/2015", "3/2015", "March 2015", "2015", "age 7", "around age 7",
    "2015 to 2017", "2015-2017", "3/2015 - 6/2016" (and the Welsh "oed 7", "tua oed 7")."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise WhenError(_("Enter when it happened"))
    age = _AGE.match(cleaned)
    if age:
        return at_age(born, int(age.group(1)))
    single = _partial_text(cleaned)
    if single is not None:
        return on(single)
    parts = [p for p in _SPLIT.split(cleaned) if p]
    if len(parts) == 2:
        start, end = _partial_text(parts[0]), _partial_text(parts[1])
        if start is not None and end is not None:
            return between(start, end)
    raise WhenError(
        _(
            "Enter when it happened as a date (27/3/2015), a month (3/2015), a year (2015), "
            "an age (age 7) or a period (2015 to 2017)"
        )
    )
