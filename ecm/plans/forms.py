"""Forms for working the plan and writing "My plan"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecm.core.forms import GovUKDateField
from ecm.meetings.forms import staff_of
from ecm.plans.models import ItemStatus, PlanItem


class ItemForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ItemStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the status")},
    )
    dropped_reason = forms.CharField(
        label=_("Why it was dropped"),
        help_text=_("Needed when the item is dropped"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Why it was dropped must be 2000 characters or fewer")},
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        help_text=_("The person who makes sure it happens"),
        queryset=staff_of(0),
        empty_label=None,
        error_messages={
            "required": _("Choose the owner: the person who makes sure it happens"),
            "invalid_choice": _("Choose one of the people listed"),
        },
    )
    starts_on = GovUKDateField(
        label=_("Start date"), help_text=_("For example, 27 3 2026"), required=False
    )
    review_on = GovUKDateField(
        label=_("Review date"), help_text=_("For example, 27 6 2026"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Notes must be 4000 characters or fewer")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, service_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = staff_of(service_id)  # type: ignore[attr-defined]
        owner.label_from_instance = lambda u: u.full_name  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(item: PlanItem) -> dict[str, Any]:
        return {
            "status": item.status,
            "dropped_reason": item.dropped_reason,
            "owner": item.owner_id,
            "starts_on": item.starts_on,
            "review_on": item.review_on,
            "notes": item.notes,
            "version": item.version,
        }

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("status") == ItemStatus.DROPPED and not data.get("dropped_reason", "").strip():
            self.add_error("dropped_reason", _("Enter why the item was dropped"))
        starts, review = data.get("starts_on"), data.get("review_on")
        if starts and review and review < starts:
            self.add_error("review_on", _("Review date must be on or after the start date"))
        return data

    def changes(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("status", "dropped_reason", "owner", "starts_on", "review_on", "notes")
        }


def _text(label: Any, hint: Any, required: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": required,
            "max_length": _("Each part must be 2000 characters or fewer"),
        },
    )


class MyPlanForm(forms.Form):
    worker = _text(
        _("Who is my worker"),
        _("Their name, when and where you meet"),
        _("Enter who the worker is"),
    )
    first_steps = _text(
        _("What we will do first, and why"),
        _("Short sentences; one step a line"),
        _("Enter what you will do first, and why"),
    )
    what_matters = _text(
        _("What I said matters to me"),
        _("In their own words where you can"),
        _("Enter what they said matters to them"),
    )
    get_help = _text(
        _("How to get help"),
        _("Who to call, and when"),
        _("Enter how to get help"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("worker", "first_steps", "what_matters", "get_help"):
            self.fields[name].widget.attrs["lang"] = language
