"""Tier wording in the language of the page."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from ecm.trm.models import TEXT_FIELDS, Tier

register = template.Library()


@register.filter
def tier_text(tier: Tier, field: str) -> str:
    """`{{ tier|tier_text:"name" }}`: the Welsh text when the page is in Welsh."""
    if field not in TEXT_FIELDS:
        raise ValueError(field)
    welsh: str = getattr(tier, f"{field}_cy")
    english: str = getattr(tier, field)
    return welsh if get_language() == "cy" and welsh else english
