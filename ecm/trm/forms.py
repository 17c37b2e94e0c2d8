"""Forms for the Trauma Recovery Model: a child's tier, and the wording of a tier."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.core.forms import GovUKDateField
from ecm.trm.models import TEXT_FIELDS, Tier


def _long_text(label: Any, *, rows: int, required: Any, too_long: Any) -> forms.CharField:
    """A tier's wording field: up to 2,000 characters, with its own messages."""
    return forms.CharField(
        label=label,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required, "max_length": too_long},
    )


class TierChoiceForm(forms.Form):
    """The tier and the behaviours seen (at a meeting, the tier agreed)."""

    tier = forms.ModelChoiceField(
        label=_("Tier"),
        queryset=Tier.objects.order_by("number"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the tier"),
            "invalid_choice": _("Choose one of the tiers listed"),
        },
    )
    evidence = forms.CharField(
        label=_("Behaviours seen"),
        help_text=_("What the child does and says that shows this tier"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Enter the behaviours seen"),
            "max_length": _("Behaviours seen must be 4000 characters or fewer"),
        },
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("submission", uuid.uuid4())
        super().__init__(*args, **kwargs)

    def tier_options(self) -> list[tuple[Tier, bool]]:
        """Each tier with whether it is chosen, for radios with the tier's description."""
        chosen = str(self["tier"].value() or "")
        tiers: list[Tier] = list(self.fields["tier"].queryset)  # type: ignore[attr-defined]
        return [(tier, str(tier.pk) == chosen) for tier in tiers]


class AssessmentForm(TierChoiceForm):
    assessed_on = GovUKDateField(
        label=_("Date assessed"),
        help_text=_("For example, 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter the date assessed")},
    )

    field_order = ["tier", "assessed_on", "evidence"]

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        day: date | None = data.get("assessed_on")
        if day is not None and day < self.child.date_of_birth:
            self.add_error(
                "assessed_on", _("Date assessed must be on or after the child's date of birth")
            )
        return data


class TierWordingForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        error_messages={
            "required": _("Enter the name"),
            "max_length": _("Name must be 100 characters or fewer"),
        },
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh"),
        max_length=100,
        error_messages={
            "required": _("Enter the name in Welsh"),
            "max_length": _("Name in Welsh must be 100 characters or fewer"),
        },
    )
    presentation = _long_text(
        _("Typical presentation"),
        rows=3,
        required=_("Enter the typical presentation"),
        too_long=_("Typical presentation must be 2000 characters or fewer"),
    )
    presentation_cy = _long_text(
        _("Typical presentation in Welsh"),
        rows=3,
        required=_("Enter the typical presentation in Welsh"),
        too_long=_("Typical presentation in Welsh must be 2000 characters or fewer"),
    )
    need = _long_text(
        _("Underlying need"),
        rows=2,
        required=_("Enter the underlying need"),
        too_long=_("Underlying need must be 2000 characters or fewer"),
    )
    need_cy = _long_text(
        _("Underlying need in Welsh"),
        rows=2,
        required=_("Enter the underlying need in Welsh"),
        too_long=_("Underlying need in Welsh must be 2000 characters or fewer"),
    )
    interventions = _long_text(
        _("Fitting interventions"),
        rows=3,
        required=_("Enter the fitting interventions"),
        too_long=_("Fitting interventions must be 2000 characters or fewer"),
    )
    interventions_cy = _long_text(
        _("Fitting interventions in Welsh"),
        rows=3,
        required=_("Enter the fitting interventions in Welsh"),
        too_long=_("Fitting interventions in Welsh must be 2000 characters or fewer"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_for(cls, tier: Tier) -> dict[str, Any]:
        return {**tier.wording(), "version": tier.version}

    def wording(self) -> dict[str, str]:
        names = [*TEXT_FIELDS, *(f"{field}_cy" for field in TEXT_FIELDS)]
        return {name: self.cleaned_data[name].strip() for name in names}
