"""Forms for formulation reports: the sections, a recommendation, starting one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ecm.core.forms import GovUKDateField
from ecm.formulation import sequencing
from ecm.formulation.models import SECTION_FIELDS, FormulationReport, Recommendation
from ecm.formulation.queries import SequencingContext
from ecm.interventions.models import InterventionType
from ecm.interventions.queries import offered_in
from ecm.meetings.forms import staff_of
from ecm.meetings.models import FormulationMeeting
from ecm.organisations.models import PartnerAgency
from ecm.timeline.models import TimelineEvent
from ecm.trm.models import Tier

TEXTAREA = forms.Textarea(attrs={"rows": 5})


def _tier_label(tier: Tier) -> str:
    return f"{tier.number}: {tier.display_name(get_language() or 'en')}"


def _intervention_label(item: InterventionType) -> str:
    return item.display_name(get_language() or "en")


class StartForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Formulation meeting this report follows"),
        queryset=FormulationMeeting.objects.none(),
        required=False,
        empty_label=_("Not linked to a meeting"),
    )

    def __init__(self, *args: Any, meetings: QuerySet[FormulationMeeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class SectionsForm(forms.ModelForm):  # type: ignore[type-arg]
    edit_version = forms.IntegerField(widget=forms.HiddenInput)
    background_events = forms.ModelMultipleChoiceField(
        label=_("Significant events from the life timeline"),
        help_text=_("They are shown in the report as recorded on the timeline, without retyping"),
        queryset=TimelineEvent.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    shared_sections = forms.MultipleChoiceField(
        label=_("Sections partner agencies may read"),
        help_text=_(
            "Only while the child's consent to share names their agency, and only once "
            "the report is approved"
        ),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = FormulationReport
        fields = [
            *SECTION_FIELDS[:1],
            "background",
            "background_events",
            *SECTION_FIELDS[2:9],
            "tier",
            "tier_reasons",
            "clinical_notes",
            "shared_sections",
        ]
        widgets = {name: TEXTAREA for name in (*SECTION_FIELDS, "clinical_notes")}

    def __init__(self, *args: Any, events: QuerySet[TimelineEvent], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["background_events"].queryset = events  # type: ignore[attr-defined]
        self.fields["background_events"].label_from_instance = (  # type: ignore[attr-defined]
            lambda e: f"{e.starts_on:%Y}: {e.title}"
        )
        self.fields["tier"].queryset = Tier.objects.order_by("number")  # type: ignore[attr-defined]
        self.fields["tier"].label_from_instance = _tier_label  # type: ignore[attr-defined]
        self.fields["shared_sections"].choices = [  # type: ignore[attr-defined]
            (name, FormulationReport._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
            for name in SECTION_FIELDS
        ]
        self.fields["voice_summary"].help_text = _(
            "The child's and family's own words are shown beside the report from their voice "
            "records; summarise what they mean for the formulation"
        )
        self.fields["clinical_notes"].help_text = _(
            "Never shown outside the clinical team: not to the case manager, not to partners"
        )

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = [*SECTION_FIELDS, "clinical_notes", "shared_sections"]
        values = {name: data[name] for name in names}
        values["tier"] = data["tier"]
        return values


class RecommendationForm(forms.ModelForm):  # type: ignore[type-arg]
    edit_version = forms.IntegerField(widget=forms.HiddenInput)
    position = forms.IntegerField(
        label=_("Order"),
        help_text=_("1 is delivered first; the others move to make room"),
        min_value=1,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    starts_on = GovUKDateField(label=_("Start date"), required=False)
    review_on = GovUKDateField(label=_("Review date"), required=False)

    class Meta:
        model = Recommendation
        fields = [
            "what",
            "why",
            "intervention",
            "tier",
            "delivered_by_agency",
            "delivered_by_name",
            "owner",
            "starts_on",
            "review_on",
            "success_measure",
            "shared_with_partners",
            "rationale",
        ]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 3}),
            "why": forms.Textarea(attrs={"rows": 3}),
            "success_measure": forms.Textarea(attrs={"rows": 3}),
            "rationale": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "what": {"required": _("Enter what will be done")},
            "tier": {"required": _("Choose the tier this recommendation belongs to")},
        }

    def __init__(
        self,
        *args: Any,
        report: FormulationReport,
        context: SequencingContext,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        self.context = context
        self.warnings: list[str] = []
        service_id = report.child.service_id
        fields = self.fields
        fields["intervention"].queryset = offered_in(service_id)  # type: ignore[attr-defined]
        fields["intervention"].label_from_instance = _intervention_label  # type: ignore[attr-defined]
        fields["tier"].queryset = Tier.objects.order_by("number")  # type: ignore[attr-defined]
        fields["tier"].label_from_instance = _tier_label  # type: ignore[attr-defined]
        fields["delivered_by_agency"].queryset = PartnerAgency.objects.filter(  # type: ignore[attr-defined]
            service_id=service_id
        ).order_by("name")
        fields["owner"].queryset = staff_of(service_id)  # type: ignore[attr-defined]
        fields["owner"].label_from_instance = lambda u: u.full_name  # type: ignore[attr-defined]
        fields["owner"].required = True
        fields["owner"].error_messages["required"] = _(
            "Choose who owns the recommendation: the person who makes sure it happens"
        )
        fields["owner"].help_text = _("The person who makes sure it happens")
        fields["rationale"].help_text = _(
            "Needed when the recommendation is placed above where the child is now"
        )
        fields["shared_with_partners"].help_text = _(
            "Partner agencies see it only while the child's consent to share names them"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        review, start = data.get("review_on"), data.get("starts_on")
        if review and start and review < start:
            self.add_error("review_on", _("The review date must be on or after the start date"))
        if data.get("tier") is not None:
            probe = Recommendation(
                report=self.report, tier=data["tier"], intervention=data.get("intervention")
            )
            self.warnings = sequencing.warnings(
                probe, self.context.tier_number, self.context.mapped
            )
            if self.warnings and not str(data.get("rationale", "")).strip():
                self.add_error(
                    "rationale",
                    _("Enter the clinical rationale for placing this recommendation here: %(why)s")
                    % {"why": "; ".join(self.warnings)},
                )
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
