"""The psychologist's formulation report: structured sections, numbered
recommendations placed along the Trauma Recovery Model, and versions.

Lifecycle: draft → submitted → approved → superseded (by the approval of a revised
version). Approved and superseded versions are never changed: a revision is a new
version copying the last one (`previous`). `edit_version` guards against two people
saving the same draft (ecm.core.conflicts).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child

# The text sections, in the order the report shows them (the tier comes between the
# developmental profile and its reasons; clinical notes last, for psychologists only).
SECTION_FIELDS = (
    "reason_for_referral",
    "background",
    "voice_summary",
    "predisposing",
    "precipitating",
    "perpetuating",
    "protective",
    "strengths",
    "developmental_profile",
    "tier_reasons",
)
CLINICAL_FIELDS = ("clinical_notes",)
# What the psychologist may mark as shared with partner agencies (with consent).
SHAREABLE_SECTIONS = SECTION_FIELDS


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Replaced by a later version")


class FormulationReport(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="formulation_reports")
    episode = models.ForeignKey(
        "episodes.Episode", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        "meetings.FormulationMeeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="formulation_reports",
    )
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason_for_referral = models.TextField(_("Reason for referral"), blank=True)
    background = models.TextField(_("Background"), blank=True)
    background_events = models.ManyToManyField(
        "timeline.TimelineEvent", blank=True, related_name="formulation_reports"
    )
    voice_summary = models.TextField(_("The child's and family's voice"), blank=True)
    predisposing = models.TextField(_("Predisposing factors"), blank=True)
    precipitating = models.TextField(_("Precipitating factors"), blank=True)
    perpetuating = models.TextField(_("Perpetuating factors"), blank=True)
    protective = models.TextField(_("Protective factors"), blank=True)
    strengths = models.TextField(_("Strengths"), blank=True)
    developmental_profile = models.TextField(_("Developmental profile"), blank=True)
    tier = models.ForeignKey(
        "trm.Tier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Current tier"),
    )
    tier_reasons = models.TextField(_("Why this tier"), blank=True)
    clinical_notes = models.TextField(_("Clinical notes (clinical team only)"), blank=True)
    # Section field names partner agency workers may read (with sharing consent).
    shared_sections = models.JSONField(default=list, blank=True)
    edit_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["child", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["child", "version"], name="formulation_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.child_id} v{self.version} ({self.status})"

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_final(self) -> bool:
        return self.status in (ReportStatus.APPROVED, ReportStatus.SUPERSEDED)


class Approval(models.Model):
    """One clinical psychologist's signature on a submitted version."""

    report = models.ForeignKey(
        FormulationReport, on_delete=models.PROTECT, related_name="approvals"
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["approved_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "approver"], name="formulation_sign_once"),
        ]


class Recommendation(models.Model):
    report = models.ForeignKey(
        FormulationReport, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField(_("Order"))
    what = models.TextField(_("What"))
    why = models.TextField(_("Why"), blank=True)
    intervention = models.ForeignKey(
        "interventions.InterventionType",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Type of intervention"),
    )
    tier = models.ForeignKey(
        "trm.Tier", on_delete=models.PROTECT, related_name="+", verbose_name=_("Tier")
    )
    delivered_by_agency = models.ForeignKey(
        "organisations.PartnerAgency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Agency delivering it"),
    )
    delivered_by_name = models.CharField(_("Person delivering it"), max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Owner"),
    )
    starts_on = models.DateField(_("Start date"), null=True, blank=True)
    review_on = models.DateField(_("Review date"), null=True, blank=True)
    success_measure = models.TextField(_("How we will know it is working"), blank=True)
    shared_with_partners = models.BooleanField(_("Share with partner agencies"), default=False)
    rationale = models.TextField(_("Clinical rationale"), blank=True)

    class Meta:
        ordering = ["report", "number", "pk"]

    def __str__(self) -> str:
        return f"{self.number}. {self.what[:40]}"
