from __future__ import annotations

from datetime import date

from django import template

from ecm.children.models import Child

register = template.Library()


@register.filter
def child_age(child: Child, today: date) -> int:
    return child.age_on(today)
