"""The plan the case manager works from, made from the approved formulation report's
recommendations, and the one-page "My plan" summaries for the child and the carer.

Items keep the report's order: what now, what next, what later. An item whose tier
is above the child's current tier shows as "not yet". The plan remembers the tier
assessment the case manager last looked at (`Plan.tier_seen`), so that a newer one
highlights the items that became suitable or unsuitable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.trm.models import Tier


class Plan(models.Model):
    child = models.OneToOneField(Child, on_delete=models.PROTECT, related_name="plan")
    # The approved report version the items last came from.
    report = models.ForeignKey(
        "formulation.FormulationReport", null=True, on_delete=models.PROTECT, related_name="+"
    )
    # The child's tier assessment the case manager last reviewed the plan against.
    tier_seen = models.ForeignKey(
        "trm.TierAssessment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"plan of {self.child_id}"


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PAUSED = "paused", _("Paused")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS, ItemStatus.PAUSED)


class PlanItem(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="plan_items")
    recommendation = models.ForeignKey(
        "formulation.Recommendation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
    )
    number = models.PositiveSmallIntegerField(_("order"))
    what = models.TextField(_("what"))
    why = models.TextField(_("why"), blank=True)
    intervention = models.ForeignKey(
        "interventions.InterventionType",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED
    )
    dropped_reason = models.TextField(_("why it was dropped"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    review_on = models.DateField(_("review date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The recommendation is no longer in the latest approved report.
    withdrawn = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["child", "number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="dropped") | ~models.Q(dropped_reason=""),
                name="plan_item_dropped_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.what[:40]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Audience(models.TextChoices):
    CHILD = "child", _("The child")
    CARER = "carer", _("The parent or carer")


class PlanLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    WELSH = "cy", _("Welsh")


MY_PLAN_FIELDS = ("worker", "first_steps", "what_matters", "get_help")


class MyPlan(models.Model):
    """A one-page summary in plain language, for the child or the carer, in one language."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="my_plans")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    language = models.CharField(max_length=5, choices=PlanLanguage.choices)
    worker = models.TextField(_("Who is my worker"))
    first_steps = models.TextField(_("What we will do first, and why"))
    what_matters = models.TextField(_("What I said matters to me"))
    get_help = models.TextField(_("How to get help"))
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["child", "audience", "language"], name="my_plan_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"my plan {self.child_id} {self.audience} {self.language}"
