"""Evaluating a rule set against the facts recorded about a child. Pure functions:
no database, so every rule can be tested at its boundaries and by property.

Each criterion answers met, not met or not known, with evidence a manager can check.
"Not known" means the facts that would decide it have not been recorded.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecm.eligibility.models import CriterionKind


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_KNOWN = "not_known"


class Overall(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NOT_KNOWN = "not_known"


@dataclass(frozen=True)
class OffenceFact:
    offence_date: date
    description: str


@dataclass(frozen=True)
class OrderFact:
    label: str
    start_date: date
    ends_on: date | None
    ended_on: date | None
    statutory: bool

    def is_current(self, on: date) -> bool:
        return self.start_date <= on and (self.ended_on is None or self.ended_on >= on)


@dataclass(frozen=True)
class NeedFact:
    name: str
    indicates_trauma: bool


@dataclass(frozen=True)
class Facts:
    date_of_birth: date
    offences: tuple[OffenceFact, ...] = ()
    orders: tuple[OrderFact, ...] = ()
    needs: tuple[NeedFact, ...] = ()
    voluntary: bool = False
    expected_months: int | None = None


@dataclass(frozen=True)
class Rule:
    """One criterion's settings, as stored in ecm.eligibility.models.Criterion."""

    kind: str
    threshold: int | None = None
    window_months: int | None = None
    min_age: int | None = None
    max_age: int | None = None
    allow_voluntary: bool = False


@dataclass(frozen=True)
class Result:
    kind: str
    outcome: Outcome
    summary: str
    evidence: tuple[str, ...] = field(default=())


def months_before(day: date, months: int) -> date:
    """The same calendar day `months` earlier (the last day of a shorter month)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def whole_months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _offences(rule: Rule, facts: Facts, on: date) -> Result:
    months = rule.window_months or 12
    needed = rule.threshold or 1
    since = months_before(on, months)
    counted = sorted(
        (o for o in facts.offences if since <= o.offence_date <= on), key=lambda o: o.offence_date
    )
    evidence = tuple(f"{o.offence_date:%d/%m/%Y}: {o.description}" for o in counted)
    summary = ngettext(
        "%(count)d offence between %(since)s and %(on)s; %(needed)d needed",
        "%(count)d offences between %(since)s and %(on)s; %(needed)d needed",
        len(counted),
    ) % {
        "count": len(counted),
        "since": f"{since:%d/%m/%Y}",
        "on": f"{on:%d/%m/%Y}",
        "needed": needed,
    }
    if len(counted) >= needed:
        return Result(rule.kind, Outcome.MET, summary, evidence)
    if not facts.offences:
        return Result(rule.kind, Outcome.NOT_KNOWN, _("No offences have been recorded"))
    return Result(rule.kind, Outcome.NOT_MET, summary, evidence)


def _needs(rule: Rule, facts: Facts, on: date) -> Result:
    needed = rule.threshold or 1
    evidence = tuple(n.name for n in facts.needs)
    summary = ngettext(
        "%(count)d need recorded; %(needed)d needed",
        "%(count)d needs recorded; %(needed)d needed",
        len(facts.needs),
    ) % {"count": len(facts.needs), "needed": needed}
    if len(facts.needs) >= needed:
        return Result(rule.kind, Outcome.MET, summary, evidence)
    if not facts.needs:
        return Result(rule.kind, Outcome.NOT_KNOWN, _("No needs have been recorded"))
    return Result(rule.kind, Outcome.NOT_MET, summary, evidence)


def _statutory_order(rule: Rule, facts: Facts, on: date) -> Result:
    current = [o for o in facts.orders if o.statutory and o.is_current(on)]
    if current:
        evidence = tuple(f"{o.label}: {o.start_date:%d/%m/%Y}" for o in current)
        return Result(rule.kind, Outcome.MET, _("On a current statutory court order"), evidence)
    if rule.allow_voluntary and facts.voluntary:
        return Result(
            rule.kind, Outcome.MET, _("No current court order: voluntary participation allowed")
        )
    if not facts.orders:
        return Result(rule.kind, Outcome.NOT_KNOWN, _("No orders have been recorded"))
    return Result(rule.kind, Outcome.NOT_MET, _("No current statutory court order"))


def _trauma(rule: Rule, facts: Facts, on: date) -> Result:
    trauma = tuple(n.name for n in facts.needs if n.indicates_trauma)
    if trauma:
        return Result(rule.kind, Outcome.MET, _("Experience of trauma recorded"), trauma)
    # A checklist can show trauma but never rule it out.
    return Result(rule.kind, Outcome.NOT_KNOWN, _("No experience of trauma recorded yet"))


def _duration(rule: Rule, facts: Facts, on: date) -> Result:
    needed = rule.threshold or 6
    if facts.expected_months is not None:
        months = facts.expected_months
        evidence: tuple[str, ...] = (_("Expected time given on the referral"),)
    else:
        ends = [o.ends_on for o in facts.orders if o.is_current(on) and o.ends_on is not None]
        if not ends:
            return Result(
                rule.kind, Outcome.NOT_KNOWN, _("No expected end date or time with the service")
            )
        last = max(ends)
        months = whole_months_between(on, last)
        evidence = (_("Current order ends on %(date)s") % {"date": f"{last:%d/%m/%Y}"},)
    summary = _("Expected %(months)d months with the service; %(needed)d needed") % {
        "months": months,
        "needed": needed,
    }
    outcome = Outcome.MET if months >= needed else Outcome.NOT_MET
    return Result(rule.kind, outcome, summary, evidence)


def _age(rule: Rule, facts: Facts, on: date) -> Result:
    age = age_on(facts.date_of_birth, on)
    low = rule.min_age if rule.min_age is not None else 0
    high = rule.max_age if rule.max_age is not None else 17
    summary = _("Aged %(age)d on %(on)s; %(low)d to %(high)d needed") % {
        "age": age,
        "on": f"{on:%d/%m/%Y}",
        "low": low,
        "high": high,
    }
    outcome = Outcome.MET if low <= age <= high else Outcome.NOT_MET
    return Result(rule.kind, outcome, summary)


_EVALUATORS = {
    CriterionKind.OFFENCES_IN_WINDOW: _offences,
    CriterionKind.COMPLEX_NEEDS: _needs,
    CriterionKind.STATUTORY_ORDER: _statutory_order,
    CriterionKind.EXPERIENCED_TRAUMA: _trauma,
    CriterionKind.EXPECTED_DURATION: _duration,
    CriterionKind.AGE_RANGE: _age,
}


def evaluate(rules: list[Rule], facts: Facts, on: date) -> list[Result]:
    return [_EVALUATORS[CriterionKind(rule.kind)](rule, facts, on) for rule in rules]


def overall(results: list[Result]) -> Overall:
    if any(r.outcome == Outcome.NOT_MET for r in results):
        return Overall.NOT_ELIGIBLE
    if all(r.outcome == Outcome.MET for r in results):
        return Overall.ELIGIBLE
    return Overall.NOT_KNOWN
