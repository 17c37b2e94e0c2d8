"""Which rules apply, and the rule sets a service administrator can see."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from ecm.core import access
from ecm.core.access import Actor
from ecm.eligibility.engine import Rule
from ecm.eligibility.models import RuleSet, ServiceRuleSet
from ecm.organisations.models import Service


def current_rule_set(service: Service, route: str, on: date) -> RuleSet | None:
    chosen = (
        ServiceRuleSet.objects.filter(service=service, route=route, effective_from__lte=on)
        .select_related("rule_set")
        .order_by("-effective_from")
        .first()
    )
    return chosen.rule_set if chosen else None


def rules_of(rule_set: RuleSet) -> list[Rule]:
    return [
        Rule(
            kind=c.kind,
            threshold=c.threshold,
            window_months=c.window_months,
            min_age=c.min_age,
            max_age=c.max_age,
            allow_voluntary=c.allow_voluntary,
        )
        for c in rule_set.criteria.all()
    ]


def rule_sets_for(actor: Actor) -> QuerySet[RuleSet]:
    """Shipped rule sets, and those of the services the person administers."""
    services = actor.service_ids_with(access.SERVICE_ADMINISTRATORS)
    return RuleSet.objects.filter(Q(service__isnull=True) | Q(service_id__in=services))


def get_rule_set(actor: Actor, rule_set_id: int) -> RuleSet:
    return get_object_or_404(rule_sets_for(actor).prefetch_related("criteria"), pk=rule_set_id)


def assignments_for(actor: Actor) -> QuerySet[ServiceRuleSet]:
    return ServiceRuleSet.objects.filter(
        service_id__in=actor.service_ids_with(access.SERVICE_ADMINISTRATORS)
    ).select_related("rule_set", "service", "chosen_by")
