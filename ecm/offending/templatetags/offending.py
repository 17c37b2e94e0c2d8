"""A form field rendered inside a table cell: the same GOV.UK markup as {% field %},
with a visually hidden label naming the row, since the column header is the visible label."""

from __future__ import annotations

from django import template
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ecm.core.templatetags.govuk import _component, _date_parts

register = template.Library()

_CLASSES = {"input": "govuk-input", "select": "govuk-select"}


@register.simple_tag
def cell(bound: BoundField, row: int, width: str = "") -> SafeString:
    component = _component(bound.field.widget)
    context: dict[str, object] = {"field": bound, "row": row, "component": component}
    if component == "date":
        context["parts"] = list(
            zip(("day", "month", "year"), _date_parts(bound), ("2", "2", "4"), strict=True)
        )
    else:
        base = _CLASSES.get(component, "govuk-input")
        classes = [base, width or "govuk-!-width-full"]
        if bound.errors:
            classes.append(f"{base}--error")
        attrs: dict[str, str | bool] = {"class": " ".join(classes)}
        if bound.errors:
            attrs["aria-describedby"] = f"{bound.auto_id}-error"
        context["widget"] = bound.as_widget(attrs=attrs)
    return SafeString(render_to_string("offending/_cell.html", context))
