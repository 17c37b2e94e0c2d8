"""Template tags that render Django form fields as GOV.UK components."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from ecm.core.forms import DateInputWidget
from ecm.organisations.models import Service

register = template.Library()


def _component(widget: forms.Widget) -> str:
    if isinstance(widget, DateInputWidget):
        return "date"
    # CheckboxSelectMultiple is a subclass of RadioSelect: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


@register.filter
def field_anchor(field: BoundField) -> str:
    """The id the error summary links to: the first input of the field."""
    if isinstance(field.field.widget, DateInputWidget):
        return f"{field.auto_id}_day"
    if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{field.auto_id}_0"
    return str(field.auto_id)


_INPUT_CLASSES = {
    "input": "govuk-input",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
}


def _date_parts(bound: BoundField) -> list[str]:
    widget = bound.field.widget
    assert isinstance(widget, DateInputWidget)
    if bound.form.is_bound:
        value = widget.value_from_datadict(bound.form.data, bound.form.files, bound.html_name)
    else:
        value = widget.decompress(bound.value())
    return ["" if part is None else str(part) for part in value]


@register.simple_tag
def field(bound: BoundField, width: str = "", autocomplete: str = "") -> SafeString:
    """Renders one field with its label, hint and error message. `width` is a GOV.UK
    input width class (or its number); for radios, "inline" puts the options side by
    side, as for a yes/no question."""
    component = _component(bound.field.widget)
    described_by = []
    if bound.help_text:
        described_by.append(f"{bound.auto_id}-hint")
    if bound.errors:
        described_by.append(f"{bound.auto_id}-error")
    context: dict[str, object] = {
        "field": bound,
        "described_by": " ".join(described_by),
        "component": component,
        "inline": component == "radios" and width == "inline",
    }
    if component in _INPUT_CLASSES:
        classes = [_INPUT_CLASSES[component]]
        if bound.errors and component != "checkbox":
            classes.append(f"{_INPUT_CLASSES[component]}--error")
        if width:
            classes.append(f"govuk-input--width-{width}" if width.isdigit() else width)
        attrs: dict[str, str | bool] = {"class": " ".join(classes)}
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        if autocomplete:
            attrs["autocomplete"] = autocomplete
        context["widget"] = bound.as_widget(attrs=attrs)
    if component == "date":
        day, month, year = _date_parts(bound)
        context["parts"] = [
            ("day", day, "2"),
            ("month", month, "2"),
            ("year", year, "4"),
        ]
    return SafeString(render_to_string(f"components/field_{component}.html", context))


@register.filter
def local_name(service: Service) -> str:
    """A service's name in the language of the page."""
    return service.display_name(get_language() or "en")
