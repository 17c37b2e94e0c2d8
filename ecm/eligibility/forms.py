from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ecm.core.forms import GovUKDateField
from ecm.eligibility.engine import Rule
from ecm.eligibility.models import CriterionKind, Route, RuleSet


class ChooseRuleSetForm(forms.Form):
    route = forms.ChoiceField(
        label=_("Type of work"),
        choices=Route.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the type of work")},
    )
    rule_set = forms.ModelChoiceField(
        label=_("Rule set"),
        queryset=RuleSet.objects.none(),
        empty_label=_("Select a rule set"),
        error_messages={"required": _("Select a rule set")},
    )
    effective_from = GovUKDateField(
        label=_("Use it from"),
        help_text=_("Referrals screened on or after this date use these rules"),
        error_messages={"required": _("Enter the date to use it from")},
    )

    def __init__(self, *args: Any, rule_sets: QuerySet[RuleSet], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule_set"].queryset = rule_sets  # type: ignore[attr-defined]


def _number(label: Any, *, maximum: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=maximum,
        required=False,
        error_messages={"invalid": _("Enter a whole number")},
    )


class PublishRuleSetForm(forms.Form):
    name = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        error_messages={"required": _("Enter a name in English")},
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh"),
        max_length=200,
        error_messages={"required": _("Enter a name in Welsh")},
    )
    description = forms.CharField(
        label=_("Description in English"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    description_cy = forms.CharField(
        label=_("Description in Welsh"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    use_offences = forms.BooleanField(label=_("Offences in a recent period"), required=False)
    offences_threshold = _number(_("At least this many offences"), maximum=100)
    offences_window = _number(_("In this many months before screening"), maximum=120)
    use_needs = forms.BooleanField(label=_("Complex needs"), required=False)
    needs_threshold = _number(_("At least this many recorded needs"), maximum=50)
    use_order = forms.BooleanField(label=_("Current statutory court order"), required=False)
    order_voluntary = forms.BooleanField(
        label=_("Voluntary participation is allowed instead"), required=False
    )
    use_trauma = forms.BooleanField(label=_("Has experienced trauma"), required=False)
    use_duration = forms.BooleanField(label=_("Expected time with the service"), required=False)
    duration_months = _number(_("At least this many months"), maximum=120)
    use_age = forms.BooleanField(label=_("Age"), required=False)
    age_min = _number(_("Youngest age"), maximum=25)
    age_max = _number(_("Oldest age"), maximum=25)

    REQUIRED_NUMBERS = {
        "use_offences": ("offences_threshold", "offences_window"),
        "use_needs": ("needs_threshold",),
        "use_duration": ("duration_months",),
        "use_age": ("age_min", "age_max"),
    }

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        chosen = [flag for flag in self.REQUIRED_NUMBERS if data.get(flag)]
        if not chosen and not data.get("use_order") and not data.get("use_trauma"):
            raise forms.ValidationError(_("Choose at least one criterion"))
        for flag in chosen:
            for name in self.REQUIRED_NUMBERS[flag]:
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Enter a number for this criterion"))
        low, high = data.get("age_min"), data.get("age_max")
        if data.get("use_age") and low is not None and high is not None and low > high:
            self.add_error("age_max", _("The oldest age must not be below the youngest"))
        return data

    def rules(self) -> list[Rule]:
        data = self.cleaned_data
        rules = []
        if data.get("use_offences"):
            rules.append(
                Rule(
                    CriterionKind.OFFENCES_IN_WINDOW,
                    threshold=data["offences_threshold"],
                    window_months=data["offences_window"],
                )
            )
        if data.get("use_needs"):
            rules.append(Rule(CriterionKind.COMPLEX_NEEDS, threshold=data["needs_threshold"]))
        if data.get("use_order"):
            rules.append(
                Rule(CriterionKind.STATUTORY_ORDER, allow_voluntary=data["order_voluntary"])
            )
        if data.get("use_trauma"):
            rules.append(Rule(CriterionKind.EXPERIENCED_TRAUMA))
        if data.get("use_duration"):
            rules.append(Rule(CriterionKind.EXPECTED_DURATION, threshold=data["duration_months"]))
        if data.get("use_age"):
            rules.append(
                Rule(CriterionKind.AGE_RANGE, min_age=data["age_min"], max_age=data["age_max"])
            )
        return rules

    @classmethod
    def initial_from(cls, rule_set: RuleSet) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": rule_set.name,
            "name_cy": rule_set.name_cy,
            "description": rule_set.description,
            "description_cy": rule_set.description_cy,
        }
        for c in rule_set.criteria.all():
            if c.kind == CriterionKind.OFFENCES_IN_WINDOW:
                initial |= {
                    "use_offences": True,
                    "offences_threshold": c.threshold,
                    "offences_window": c.window_months,
                }
            elif c.kind == CriterionKind.COMPLEX_NEEDS:
                initial |= {"use_needs": True, "needs_threshold": c.threshold}
            elif c.kind == CriterionKind.STATUTORY_ORDER:
                initial |= {"use_order": True, "order_voluntary": c.allow_voluntary}
            elif c.kind == CriterionKind.EXPERIENCED_TRAUMA:
                initial |= {"use_trauma": True}
            elif c.kind == CriterionKind.EXPECTED_DURATION:
                initial |= {"use_duration": True, "duration_months": c.threshold}
            elif c.kind == CriterionKind.AGE_RANGE:
                initial |= {"use_age": True, "age_min": c.min_age, "age_max": c.max_age}
        return initial
