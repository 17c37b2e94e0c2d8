"""The statutory record of each order, computed from the enforcement decisions in force
(pure: no database). ECM's pathway comes before the decision; it never hides the duty.

For a youth rehabilitation order the responsible officer warns after an unreasonable
failure to comply; a warning's warned period is `ECM_WARNED_PERIOD_MONTHS` (12 by
default) from the day it is given. A further failure within the warned period after a
second warning means breach proceedings by law.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone

from ecm.compliance.models import DecisionKind, DecisionState, EnforcementDecision
from ecm.offending.models import Order, OrderType


def warned_period_months() -> int:
    return int(getattr(settings, "ECM_WARNED_PERIOD_MONTHS", 12))


def months_after(day: date, months: int) -> date:
    """The same calendar day `months` later (the last day of a shorter month)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def failure_day(decision: EnforcementDecision) -> date:
    """The day of the missed appointment the decision is about."""
    return timezone.localtime(decision.follow_up.appointment.starts_at).date()


@dataclass(frozen=True)
class WarningGiven:
    decision: EnforcementDecision
    given_on: date
    warned_until: date


@dataclass(frozen=True)
class OrderRecord:
    order: Order
    failures: list[EnforcementDecision] = field(default_factory=list)
    warnings: list[WarningGiven] = field(default_factory=list)
    awaiting: list[EnforcementDecision] = field(default_factory=list)
    # Until this day, one more failure would require breach proceedings by law.
    breach_if_another_failure_until: date | None = None
    # Failures after a second warning within the warned period, without breach proceedings.
    breach_required_for: list[EnforcementDecision] = field(default_factory=list)

    @property
    def mandatory_rules_apply(self) -> bool:
        return self.order.order_type == OrderType.YOUTH_REHABILITATION_ORDER


def warnings_before(warnings: list[WarningGiven], day: date) -> list[WarningGiven]:
    """Warnings given before `day` whose warned period includes it."""
    return [w for w in warnings if w.given_on < day <= w.warned_until]


def order_record(
    order: Order, decisions: Iterable[EnforcementDecision], today: date
) -> OrderRecord:
    """The record of one order from the decisions counted against it."""
    mine = sorted(
        (d for d in decisions if d.order_id == order.pk), key=lambda d: (failure_day(d), d.pk)
    )
    live = [d for d in mine if d.state == DecisionState.IN_FORCE]
    failures = [d for d in live if d.is_failure]
    months = warned_period_months()
    warnings = sorted(
        (
            WarningGiven(d, d.effective_on, months_after(d.effective_on, months))
            for d in live
            if d.kind == DecisionKind.WARNING and d.effective_on is not None
        ),
        key=lambda w: (w.given_on, w.decision.pk),
    )
    until = None
    required: list[EnforcementDecision] = []
    if order.order_type == OrderType.YOUTH_REHABILITATION_ORDER:
        running = [w for w in warnings if w.given_on <= today <= w.warned_until]
        if len(running) >= 2:
            until = sorted(w.warned_until for w in running)[-2]
        required = [
            d
            for d in failures
            if d.kind != DecisionKind.BREACH and len(warnings_before(warnings, failure_day(d))) >= 2
        ]
    return OrderRecord(
        order=order,
        failures=failures,
        warnings=warnings,
        awaiting=[d for d in mine if d.state == DecisionState.AWAITING_SIGN_OFF],
        breach_if_another_failure_until=until,
        breach_required_for=required,
    )


def breach_required_on(
    order: Order | None, decisions: Iterable[EnforcementDecision], day: date
) -> bool:
    """Would a failure on `day` require breach proceedings by law under this order?"""
    if order is None or order.order_type != OrderType.YOUTH_REHABILITATION_ORDER:
        return False
    record = order_record(order, decisions, day)
    return len(warnings_before(record.warnings, day)) >= 2
