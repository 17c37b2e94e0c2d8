"""Names of intervention types in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from ecm.interventions.models import InterventionType

register = template.Library()


@register.filter
def intervention_name(intervention: InterventionType | None) -> str:
    if intervention is None:
        return ""
    return intervention.display_name(get_language() or "en")


@register.filter
def intervention_description(intervention: InterventionType) -> str:
    return intervention.display_description(get_language() or "en")


@register.filter
def months_as_years(months: int | None) -> str:
    return "" if months is None else str(months // 12)
