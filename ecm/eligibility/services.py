"""Publishing rule sets and choosing which one a service uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.core import access
from ecm.core.access import Actor
from ecm.eligibility.engine import Rule
from ecm.eligibility.models import Criterion, RuleSet, ServiceRuleSet
from ecm.organisations.models import Service


@dataclass(frozen=True)
class RuleSetText:
    name: str
    name_cy: str
    description: str
    description_cy: str


def publish_rule_set(
    *, actor: Actor, service: Service, text: RuleSetText, rules: list[Rule], key: str = ""
) -> RuleSet:
    """A new rule set, or a new version of `key`. Rule sets are never edited."""
    if not access.can_administer(actor, service.pk):
        raise PermissionDenied
    with transaction.atomic():
        key = key or slugify(text.name)[:50] or "rule-set"
        latest = RuleSet.objects.filter(key=key).aggregate(v=Max("version"))["v"] or 0
        rule_set = RuleSet.objects.create(
            key=key,
            version=latest + 1,
            name=text.name,
            name_cy=text.name_cy,
            description=text.description,
            description_cy=text.description_cy,
            service=service,
            created_by=actor.user,
        )
        Criterion.objects.bulk_create(
            Criterion(
                rule_set=rule_set,
                kind=rule.kind,
                threshold=rule.threshold,
                window_months=rule.window_months,
                min_age=rule.min_age,
                max_age=rule.max_age,
                allow_voluntary=rule.allow_voluntary,
                sort_order=order,
            )
            for order, rule in enumerate(rules)
        )
        record_event(
            actor=actor,
            verb=Verb.PUBLISH_RULE_SET,
            service_id=service.pk,
            object_type="rule_set",
            object_id=rule_set.pk,
            detail={"key": key, "version": rule_set.version},
        )
    return rule_set


def choose_rule_set(
    *, actor: Actor, service: Service, route: str, rule_set: RuleSet, effective_from: date
) -> ServiceRuleSet:
    if not access.can_administer(actor, service.pk):
        raise PermissionDenied
    if rule_set.service_id not in (None, service.pk):
        raise PermissionDenied
    with transaction.atomic():
        chosen, _ = ServiceRuleSet.objects.update_or_create(
            service=service,
            route=route,
            effective_from=effective_from,
            defaults={"rule_set": rule_set, "chosen_by": actor.user},
        )
        record_event(
            actor=actor,
            verb=Verb.CHOOSE_RULE_SET,
            service_id=service.pk,
            object_type="rule_set",
            object_id=rule_set.pk,
            detail={"route": route, "effective_from": effective_from.isoformat()},
        )
    return chosen
