"""A form field rendered inside a row of the several-events table: the same GOV.UK
markup as {% field %}, with the row number in a visually hidden part of the label."""

from __future__ import annotations

from django import template
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ecm.core.templatetags.govuk import _component

register = template.Library()

_CLASSES = {"input": "govuk-input", "select": "govuk-select", "checkbox": "govuk-checkboxes__input"}


@register.simple_tag
def cell(bound: BoundField, row: int, width: str = "") -> SafeString:
    component = _component(bound.field.widget)
    base = _CLASSES.get(component, "govuk-input")
    classes = [base]
    if component != "checkbox":
        classes.append(width or "govuk-!-width-full")
        if bound.errors:
            classes.append(f"{base}--error")
    attrs: dict[str, str | bool] = {"class": " ".join(classes)}
    if bound.errors:
        attrs["aria-describedby"] = f"{bound.auto_id}-error"
    context = {
        "field": bound,
        "row": row,
        "component": component,
        "widget": bound.as_widget(attrs=attrs),
    }
    return SafeString(render_to_string("timeline/_cell.html", context))
