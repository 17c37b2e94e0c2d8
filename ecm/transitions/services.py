"""Voluntary engagement and the move to adult probation: permission checked, one
transaction, audited. A double-submitted form changes things once."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.consent.queries import consent_gate_problems
from ecm.core import access
from ecm.core.access import Actor
from ecm.episodes import services as episodes
from ecm.episodes.models import Episode, Stage
from ecm.offending.models import STATUTORY_COURT_ORDERS, Order
from ecm.transitions import queries
from ecm.transitions.models import (
    EndReason,
    VoluntaryEngagement,
    VoluntaryReview,
)


class Refused(Exception):
    """The rules do not allow this now; the message says why, in the user's language."""


class AlreadyEnded(Exception):
    def __init__(self, current: VoluntaryEngagement) -> None:
        super().__init__("already ended")
        self.current = current


def create_once[M: models.Model](
    scope: QuerySet[M], submission: uuid.UUID | None, create: Callable[[], M]
) -> M:
    """Creates once per form submission: a form sent twice returns the first row."""
    existing = scope.filter(submission=submission).first() if submission else None
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        if submission is None:
            raise
        return scope.get(submission=submission)


def check_editor(actor: Actor, child: Child) -> None:
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied


def voluntary_problems(
    child: Child, *, episode: Episode | None, ended_order: Order, started_on: date
) -> list[str]:
    """Why voluntary engagement cannot start as asked (empty when it can)."""
    today = timezone.localdate()
    problems = []
    if episode is None or episode.stage not in queries.VOLUNTARY_FROM_STAGES:
        problems.append(
            _("Voluntary engagement continues an ECM episode: this child has none in progress")
        )
    if ended_order.child_id != child.pk or ended_order.order_type not in STATUTORY_COURT_ORDERS:
        problems.append(_("Choose a statutory order of this child"))
    elif ended_order.ends_on is None or ended_order.ends_on > min(started_on, today):
        problems.append(_("The start must be on or after the day the order ended"))
    running = (
        Order.objects.filter(child=child, order_type__in=STATUTORY_COURT_ORDERS)
        .exclude(pk=ended_order.pk)
        .filter(queries.running_on(started_on))
    )
    if running.exists():
        problems.append(
            _(
                "Another statutory order is still running: enforcement applies to it, so ECM "
                "cannot be voluntary"
            )
        )
    if queries.fresh_consent(child, started_on, today) is None:
        problems.append(
            _(
                "The child's fresh consent to take part is needed: record it, given on or "
                "after the start of voluntary engagement"
            )
        )
    problems += consent_gate_problems(child, today)
    return list(dict.fromkeys(problems))


def start_voluntary(
    *,
    actor: Actor,
    child: Child,
    ended_order: Order,
    started_on: date,
    planned_end_on: date,
    what_continues: str,
    submission: uuid.UUID | None = None,
) -> VoluntaryEngagement:
    """Continues ECM voluntarily after a statutory order ended, on the child's fresh
    consent: enforcement and compliance counting stop, reviews follow the service's
    cadence. An episode at the active stage moves to voluntary engagement."""
    check_editor(actor, child)
    if submission is not None:
        existing = VoluntaryEngagement.objects.filter(submission=submission, child=child).first()
        if existing is not None:
            return existing
    if planned_end_on <= started_on or started_on > timezone.localdate():
        raise ValidationError("planned end before start, or start in the future")
    try:
        with transaction.atomic():
            episode = (
                Episode.objects.select_for_update()
                .filter(child=child)
                .exclude(stage__in=("declined", "closed"))
                .first()
            )
            problems = voluntary_problems(
                child, episode=episode, ended_order=ended_order, started_on=started_on
            )
            if problems:
                raise Refused(" ".join(problems))
            consent = queries.fresh_consent(child, started_on)
            assert episode is not None
            assert consent is not None
            engagement = VoluntaryEngagement.objects.create(
                child=child,
                episode=episode,
                ended_order=ended_order,
                consent=consent,
                started_on=started_on,
                planned_end_on=planned_end_on,
                review_weeks=child.service.voluntary_review_weeks,
                what_continues=what_continues.strip(),
                started_by=actor.user,
                submission=submission,
            )
            if episode.stage == Stage.ACTIVE:
                episodes.move(
                    actor=actor,
                    episode=episode,
                    to=Stage.VOLUNTARY,
                    note=_("The statutory order ended; ECM continues voluntarily."),
                    expected_version=episode.version,
                )
            record_event(
                actor=actor,
                verb=Verb.START_VOLUNTARY,
                child=child,
                object_type="voluntary_engagement",
                object_id=engagement.pk,
                detail={
                    "order": ended_order.pk,
                    "consent": engagement.consent_id,
                    "started_on": started_on.isoformat(),
                    "planned_end_on": planned_end_on.isoformat(),
                },
            )
    except episodes.StageRuleBroken as error:
        raise Refused(str(error)) from error
    except IntegrityError as error:
        if submission is not None:
            existing = VoluntaryEngagement.objects.filter(submission=submission).first()
            if existing is not None:
                return existing
        raise Refused(_("Voluntary engagement has already started for this child")) from error
    return engagement


def record_voluntary_review(
    *,
    actor: Actor,
    engagement: VoluntaryEngagement,
    reviewed_on: date,
    how_it_is_going: str,
    child_view: str,
    submission: uuid.UUID | None = None,
) -> VoluntaryReview:
    child = engagement.child
    check_editor(actor, child)
    if reviewed_on < engagement.started_on or reviewed_on > timezone.localdate():
        raise ValidationError("review dated outside the engagement")

    def create() -> VoluntaryReview:
        review = VoluntaryReview.objects.create(
            engagement=engagement,
            reviewed_on=reviewed_on,
            how_it_is_going=how_it_is_going.strip(),
            child_view=child_view.strip(),
            recorded_by=actor.user,
            submission=submission,
        )
        record_event(
            actor=actor,
            verb=Verb.REVIEW_VOLUNTARY,
            child=child,
            object_type="voluntary_review",
            object_id=review.pk,
        )
        return review

    return create_once(VoluntaryReview.objects.filter(engagement=engagement), submission, create)


def end_voluntary(
    *, actor: Actor, engagement: VoluntaryEngagement, ended_on: date, reason: str, note: str
) -> VoluntaryEngagement:
    child = engagement.child
    check_editor(actor, child)
    if reason not in EndReason.values:
        raise ValidationError("unknown reason")
    if ended_on < engagement.started_on or ended_on > timezone.localdate():
        raise ValidationError("end dated outside the engagement")
    with transaction.atomic():
        updated = end_engagement(
            engagement, actor=actor, ended_on=ended_on, reason=reason, note=note
        )
    current = VoluntaryEngagement.objects.select_related("ended_by").get(pk=engagement.pk)
    current.child = child
    if not updated:
        raise AlreadyEnded(current)
    return current


def end_engagement(
    engagement: VoluntaryEngagement, *, actor: Actor, ended_on: date, reason: str, note: str
) -> int:
    updated = VoluntaryEngagement.objects.filter(pk=engagement.pk, ended_on__isnull=True).update(
        ended_on=ended_on, end_reason=reason, end_note=note.strip(), ended_by=actor.user
    )
    if updated:
        record_event(
            actor=actor,
            verb=Verb.END_VOLUNTARY,
            child=engagement.child,
            object_type="voluntary_engagement",
            object_id=engagement.pk,
            detail={"reason": reason, "ended_on": ended_on.isoformat()},
        )
    return updated
