"""Ages in whole months, and how to say them ("9 years 6 months"), in the reader's
language. Pure functions: no database."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def months_old(born: date, on: date) -> int:
    """Whole months of age on `on` (0 before the first month is complete)."""
    months = (on.year - born.year) * 12 + (on.month - born.month)
    if on.day < born.day:
        months -= 1
    return max(months, 0)


def age_text(months: int) -> str:
    """For example "9 years 6 months", "10 years" or "5 months"."""
    years, rest = divmod(abs(months), 12)
    year_part = ngettext("%(count)s year", "%(count)s years", years) % {"count": years}
    month_part = ngettext("%(count)s month", "%(count)s months", rest) % {"count": rest}
    if years and rest:
        # Translators: an age or a difference of ages, like "9 years 6 months".
        return _("%(years)s %(months)s") % {"years": year_part, "months": month_part}
    return year_part if years else month_part


def comparison_text(functioning: int, chronological: int) -> str:
    """For example "functioning around 9 years 6 months; 4 years 2 months below their
    age" (both ages in months)."""
    gap = chronological - functioning
    values = {"age": age_text(functioning), "difference": age_text(gap)}
    if gap > 0:
        return _("functioning around %(age)s; %(difference)s below their age") % values
    if gap < 0:
        return _("functioning around %(age)s; %(difference)s above their age") % values
    return _("functioning around %(age)s, which is their age") % values


def change_text(before: int, after: int) -> str:
    """How a functioning age moved between two mappings, for example "up 8 months"."""
    if after > before:
        return _("up %(difference)s") % {"difference": age_text(after - before)}
    if after < before:
        return _("down %(difference)s") % {"difference": age_text(before - after)}
    return _("no change")
