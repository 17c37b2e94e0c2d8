from __future__ import annotations

from django import template
from django.utils.translation import get_language

from ecm.needs.models import NeedType

register = template.Library()


@register.filter
def need_name(need_type: NeedType) -> str:
    """A need's name in the language of the page."""
    return need_type.display_name(get_language() or "en")
