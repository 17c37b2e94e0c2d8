"""The intervention catalogue: the kinds of work a plan's recommendations draw on, each
with the lowest Trauma Recovery Model tier it suits and, where relevant, the
developmental level it needs.

The shipped catalogue (`service` empty) is offered to every service; a service may
switch shipped types off for itself (`ServiceIntervention`) and add its own types.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.development.models import Domain
from ecm.organisations.models import Service
from ecm.trm.models import Tier


class InterventionType(models.Model):
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=150)
    name_cy = models.CharField(_("Welsh name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    description_cy = models.TextField(_("description in Welsh"), blank=True)
    lowest_tier = models.ForeignKey(
        Tier, on_delete=models.PROTECT, related_name="+", verbose_name=_("lowest suitable tier")
    )
    needs_domain = models.CharField(
        _("area of development it needs"), max_length=20, choices=Domain.choices, blank=True
    )
    needs_age_months = models.PositiveSmallIntegerField(
        _("functioning age it needs, in months"), null=True, blank=True
    )
    # Empty: the shipped catalogue. Otherwise a type this service added for itself.
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="intervention_types",
    )
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["lowest_tier__number", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(service__isnull=True),
                name="intervention_shipped_code_unique",
            ),
            models.UniqueConstraint(
                fields=["service", "code"],
                condition=models.Q(service__isnull=False),
                name="intervention_service_code_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(needs_age_months__isnull=True) | ~models.Q(needs_domain=""),
                name="intervention_age_needs_domain",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str) -> str:
        return self.name_cy if language == "cy" and self.name_cy else self.name

    def display_description(self, language: str) -> str:
        return self.description_cy if language == "cy" and self.description_cy else self.description

    @property
    def is_shipped(self) -> bool:
        return self.service_id is None


class ServiceIntervention(models.Model):
    """Whether one shipped type is offered in one service (missing: offered)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    intervention = models.ForeignKey(
        InterventionType, on_delete=models.CASCADE, related_name="service_settings"
    )
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "intervention"], name="service_intervention_once"
            )
        ]
