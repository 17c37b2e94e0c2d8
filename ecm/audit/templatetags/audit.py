from __future__ import annotations

from django import template

from ecm.organisations.models import Role

register = template.Library()


@register.filter
def role_labels(value: str) -> str:
    """The roles recorded on an event ("case_manager,psychologist") in the reader's language."""
    labels = dict(Role.choices)
    return ", ".join(str(labels.get(code, code)) for code in value.split(",") if code) or "–"
