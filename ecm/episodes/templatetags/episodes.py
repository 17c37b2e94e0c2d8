from __future__ import annotations

from django import template
from django.utils.translation import get_language

from ecm.eligibility.models import CriterionKind, RuleSet

register = template.Library()


@register.filter
def criterion_label(kind: str) -> str:
    return str(dict(CriterionKind.choices).get(kind, kind))


@register.filter
def rule_set_name(rule_set: RuleSet) -> str:
    return rule_set.display_name(get_language() or "en")


@register.filter
def rule_set_description(rule_set: RuleSet) -> str:
    return rule_set.display_description(get_language() or "en")
