"""Moving an ECM episode through its stages. Each change checks permission and the
stage rules, runs in one transaction and is audited; the history is never rewritten."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.consent.queries import consent_gate_problems
from ecm.core import access
from ecm.core.access import Actor
from ecm.eligibility import engine
from ecm.eligibility.facts import facts_for
from ecm.eligibility.models import RuleSet
from ecm.eligibility.queries import current_rule_set, rules_of
from ecm.episodes.models import (
    NEXT_STAGES,
    Decision,
    Episode,
    ReferralSource,
    Screening,
    Stage,
    StageChange,
)
from ecm.episodes.notify import tell_referrer


class StageRuleBroken(Exception):
    """The move is not allowed now; the message says why, in the user's language."""


@dataclass(frozen=True)
class Evaluation:
    rule_set: RuleSet | None
    results: list[engine.Result]
    overall: engine.Overall


def _change(episode: Episode, to: str, actor: Actor, note: str = "") -> None:
    now = timezone.now()
    StageChange.objects.create(
        episode=episode, from_stage=episode.stage, to_stage=to, at=now, by=actor.user, note=note
    )
    episode.stage = to
    episode.stage_since = now


def allowed_sources(child: Child) -> list[str]:
    sources = [ReferralSource.CASE_MANAGER.value]
    if child.service.accepts_partner_referrals:
        sources.append(ReferralSource.PARTNER_AGENCY.value)
    if child.service.accepts_self_referrals:
        sources.append(ReferralSource.SELF.value)
    return sources


def refer(*, actor: Actor, child: Child, data: dict[str, Any]) -> Episode:
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    if data["source"] not in allowed_sources(child):
        raise StageRuleBroken(_("Your service does not take referrals from this source"))
    now = timezone.now()
    try:
        with transaction.atomic():
            episode = Episode.objects.create(
                child=child,
                stage=Stage.REFERRED,
                stage_since=now,
                referred_by=actor.user,
                **data,
            )
            StageChange.objects.create(
                episode=episode, to_stage=Stage.REFERRED, at=now, by=actor.user
            )
            record_event(
                actor=actor,
                verb=Verb.REFER,
                child=child,
                object_type="episode",
                object_id=episode.pk,
            )
    except IntegrityError as error:
        raise StageRuleBroken(_("This child already has an ECM episode in progress")) from error
    return episode


def evaluate(episode: Episode, on: date) -> Evaluation:
    rule_set = current_rule_set(episode.child.service, episode.route, on)
    if rule_set is None:
        return Evaluation(None, [], engine.Overall.NOT_KNOWN)
    facts = facts_for(
        episode.child, voluntary=episode.voluntary, expected_months=episode.expected_months
    )
    results = engine.evaluate(rules_of(rule_set), facts, on)
    return Evaluation(rule_set, results, engine.overall(results))


def decide(
    *,
    actor: Actor,
    episode: Episode,
    decision: str,
    decline_reason: str = "",
    reason: str = "",
    on: date | None = None,
) -> Screening:
    """Accept, decline (with a coded reason) or accept against the rules (with a reason).
    The evaluation is recomputed at the moment of deciding and stored with the decision."""
    if not access.can_oversee_caseloads_in(actor, episode.child.service_id):
        raise PermissionDenied
    on = on or timezone.localdate()
    with transaction.atomic():
        episode = (
            Episode.objects.select_for_update().select_related("child__service").get(pk=episode.pk)
        )
        if episode.stage not in (Stage.REFERRED, Stage.SCREENING):
            raise StageRuleBroken(_("This referral has already been decided"))
        evaluation = evaluate(episode, on)
        if evaluation.rule_set is None:
            raise StageRuleBroken(_("Your service has not chosen eligibility rules yet"))
        if decision == Decision.ACCEPT and evaluation.overall != engine.Overall.ELIGIBLE:
            raise StageRuleBroken(
                _("The rules do not show this child as eligible: override, with a reason")
            )
        screening = Screening.objects.create(
            episode=episode,
            rule_set=evaluation.rule_set,
            evaluated_on=on,
            results=[
                {
                    "kind": r.kind,
                    "outcome": r.outcome,
                    "summary": r.summary,
                    "evidence": list(r.evidence),
                }
                for r in evaluation.results
            ],
            overall=evaluation.overall,
            decision=decision,
            decline_reason=decline_reason if decision == Decision.DECLINE else "",
            reason=reason,
            decided_by=actor.user,
            decided_at=timezone.now(),
        )
        if episode.stage == Stage.REFERRED:
            _change(episode, Stage.SCREENING, actor)
        _change(episode, Stage.ACCEPTED if screening.accepted else Stage.DECLINED, actor, reason)
        episode.version += 1
        episode.save(update_fields=["stage", "stage_since", "version"])
        record_event(
            actor=actor,
            verb=Verb.SCREEN,
            child=episode.child,
            object_type="episode",
            object_id=episode.pk,
            detail={
                "decision": decision,
                "overall": evaluation.overall,
                "rule_set": f"{evaluation.rule_set.key} v{evaluation.rule_set.version}",
            },
        )
        transaction.on_commit(lambda: tell_referrer(screening))
    return screening


def move(*, actor: Actor, episode: Episode, to: str, note: str, expected_version: int) -> Episode:
    """The next stage. From consent onwards the child's consent must be in force."""
    service_id = episode.child.service_id
    if not (
        access.can_edit_children_in(actor, service_id)
        or access.can_oversee_caseloads_in(actor, service_id)
    ):
        raise PermissionDenied
    with transaction.atomic():
        episode = (
            Episode.objects.select_for_update().select_related("child__service").get(pk=episode.pk)
        )
        if episode.version != expected_version:
            raise StageRuleBroken(_("Someone else has moved this episode on: check it again"))
        if to == Stage.SCREENING and not access.can_oversee_caseloads_in(actor, service_id):
            raise PermissionDenied
        if to not in NEXT_STAGES.get(episode.stage, ()):
            raise StageRuleBroken(_("An episode cannot move to that stage from here"))
        if episode.stage in (Stage.CONSENT, Stage.FORMULATION, Stage.ACTIVE, Stage.VOLUNTARY):
            problems = consent_gate_problems(episode.child)
            if problems:
                raise StageRuleBroken(" ".join(problems))
        _change(episode, to, actor, note)
        episode.version += 1
        episode.save(update_fields=["stage", "stage_since", "version"])
        record_event(
            actor=actor,
            verb=Verb.MOVE_EPISODE,
            child=episode.child,
            object_type="episode",
            object_id=episode.pk,
            detail={"to": to},
        )
    return episode


def close(
    *, actor: Actor, episode: Episode, reason: str, note: str, expected_version: int
) -> Episode:
    service_id = episode.child.service_id
    if not (
        access.can_edit_children_in(actor, service_id)
        or access.can_oversee_caseloads_in(actor, service_id)
    ):
        raise PermissionDenied
    with transaction.atomic():
        episode = Episode.objects.select_for_update().select_related("child").get(pk=episode.pk)
        if episode.version != expected_version:
            raise StageRuleBroken(_("Someone else has moved this episode on: check it again"))
        if not episode.is_open:
            raise StageRuleBroken(_("This episode has already ended"))
        _change(episode, Stage.CLOSED, actor, note)
        episode.close_reason = reason
        episode.version += 1
        episode.save(update_fields=["stage", "stage_since", "close_reason", "version"])
        record_event(
            actor=actor,
            verb=Verb.CLOSE_EPISODE,
            child=episode.child,
            object_type="episode",
            object_id=episode.pk,
            detail={"reason": reason},
        )
    return episode
