"""The Trauma Recovery Model: its tiers as editable reference data, and each
child's tier as a dated history (children move up and down)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child

TEXT_FIELDS = ("name", "presentation", "need", "interventions")


class Tier(models.Model):
    """One tier of the model, in English and Welsh. Service administrators may
    correct the wording in ECM; each change keeps the wording before it."""

    number = models.PositiveSmallIntegerField(_("tier"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_cy = models.CharField(_("Welsh name"), max_length=100)
    presentation = models.TextField(_("typical presentation"), blank=True)
    presentation_cy = models.TextField(_("typical presentation in Welsh"), blank=True)
    need = models.TextField(_("underlying need"), blank=True)
    need_cy = models.TextField(_("underlying need in Welsh"), blank=True)
    interventions = models.TextField(_("fitting interventions"), blank=True)
    interventions_cy = models.TextField(_("fitting interventions in Welsh"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(number__lte=6), name="tier_number_0_to_6")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def _text(self, field: str, language: str) -> str:
        welsh: str = getattr(self, f"{field}_cy")
        english: str = getattr(self, field)
        return welsh if language == "cy" and welsh else english

    def display_name(self, language: str) -> str:
        return self._text("name", language)

    def display_presentation(self, language: str) -> str:
        return self._text("presentation", language)

    def display_need(self, language: str) -> str:
        return self._text("need", language)

    def display_interventions(self, language: str) -> str:
        return self._text("interventions", language)

    def wording(self) -> dict[str, str]:
        """Every editable text, in both languages (what a revision keeps)."""
        values: dict[str, str] = {}
        for field in TEXT_FIELDS:
            values[field] = getattr(self, field)
            values[f"{field}_cy"] = getattr(self, f"{field}_cy")
        return values


class TierRevision(models.Model):
    """The wording of a tier before one change, and who changed it."""

    tier = models.ForeignKey(Tier, on_delete=models.CASCADE, related_name="revisions")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    before = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-pk"]


class TierAssessment(models.Model):
    """The child's tier on a day, with the behaviours seen; from a meeting or not."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="tier_assessments")
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="assessments")
    assessed_on = models.DateField(_("date assessed"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.TextField(_("behaviours seen"))
    meeting = models.ForeignKey(
        "meetings.FormulationMeeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tier_assessments",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Makes a double-submitted form record one assessment.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["child", "-assessed_on"], name="tier_child_assessed")]
        constraints = [
            # One agreed tier per meeting; later changes are new assessments.
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(meeting__isnull=False),
                name="one_tier_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child_id}: {self.tier.number} on {self.assessed_on}"
