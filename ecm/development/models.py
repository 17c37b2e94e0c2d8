"""Developmental mapping: the team's estimate, on a date, of the age at which a child
is functioning in each area of development, with the evidence for it.

Many children seen in ECM function well below their chronological age in some
areas; the mapping guides which work can start and in what order. Mappings are
never changed: a later mapping is added beside the earlier ones, so change shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child


class Domain(models.TextChoices):
    EMOTIONAL = "emotional", _("Emotional")
    SOCIAL = "social", _("Social")
    COGNITIVE = "cognitive", _("Cognitive and learning")
    COMMUNICATION = "communication", _("Speech, language and communication")
    PHYSICAL = "physical", _("Physical and self-care")


DOMAIN_ORDER = {domain: index for index, domain in enumerate(Domain.values)}


class DevelopmentalMapping(models.Model):
    child = models.ForeignKey(
        Child, on_delete=models.PROTECT, related_name="developmental_mappings"
    )
    mapped_on = models.DateField(_("date of the mapping"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Makes a double-submitted form add one mapping.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-mapped_on", "-pk"]
        indexes = [models.Index(fields=["child", "-mapped_on"], name="mapping_child_date")]

    def __str__(self) -> str:
        return f"{self.child_id} {self.mapped_on}"


class DomainEstimate(models.Model):
    """The age at which the child is functioning in one domain, on the mapping's date."""

    mapping = models.ForeignKey(
        DevelopmentalMapping, on_delete=models.PROTECT, related_name="estimates"
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    functioning_age_years = models.PositiveSmallIntegerField()
    functioning_age_months = models.PositiveSmallIntegerField(default=0)
    evidence = models.TextField(_("evidence"))
    # Who assessed, and when: for example "speech and language therapist, June 2026".
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["mapping", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mapping", "domain"], name="estimate_domain_once"),
            models.CheckConstraint(
                condition=models.Q(functioning_age_months__lte=11),
                name="estimate_months_0_to_11",
            ),
            models.CheckConstraint(condition=~models.Q(evidence=""), name="estimate_has_evidence"),
        ]

    def __str__(self) -> str:
        return f"{self.domain} {self.functioning_age_years}y{self.functioning_age_months}m"

    @property
    def functioning_months(self) -> int:
        """The functioning age in months."""
        return self.functioning_age_years * 12 + self.functioning_age_months
