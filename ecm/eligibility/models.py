"""Eligibility rule sets as versioned data, and which one each service uses when.

A rule set never changes once saved: a change is a new version with the same key,
so every screening decision can say exactly which rules it was made under.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.organisations.models import Service


class CriterionKind(models.TextChoices):
    OFFENCES_IN_WINDOW = "offences_in_window", _("Offences in a recent period")
    COMPLEX_NEEDS = "complex_needs", _("Complex needs")
    STATUTORY_ORDER = "statutory_order", _("Current statutory court order")
    EXPERIENCED_TRAUMA = "experienced_trauma", _("Has experienced trauma")
    EXPECTED_DURATION = "expected_duration", _("Expected time with the service")
    AGE_RANGE = "age_range", _("Age")


class Route(models.TextChoices):
    YOUTH_JUSTICE = "youth_justice", _("Youth justice")
    PREVENTION = "prevention", _("Prevention")


class RuleSet(models.Model):
    key = models.SlugField(max_length=60)
    version = models.PositiveIntegerField(default=1)
    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    description_cy = models.TextField(_("Welsh description"), blank=True)
    # Shipped rule sets are available to every service; others belong to one.
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.PROTECT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="rule_set_key_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    def display_name(self, language: str) -> str:
        return self.name_cy if language == "cy" and self.name_cy else self.name

    def display_description(self, language: str) -> str:
        return self.description_cy if language == "cy" and self.description_cy else self.description


class Criterion(models.Model):
    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(max_length=30, choices=CriterionKind.choices)
    # The meaning of each number depends on the kind (see ecm.eligibility.engine).
    threshold = models.PositiveIntegerField(null=True, blank=True)
    window_months = models.PositiveIntegerField(null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    allow_voluntary = models.BooleanField(default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "kind"], name="one_criterion_of_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.rule_set}: {self.kind}"


class ServiceRuleSet(models.Model):
    """From `effective_from`, the service screens referrals on `route` under `rule_set`."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="rule_sets")
    route = models.CharField(max_length=20, choices=Route.choices, default=Route.YOUTH_JUSTICE)
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT)
    effective_from = models.DateField(_("effective from"))
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    chosen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service", "route", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "route", "effective_from"], name="one_rule_set_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.route} from {self.effective_from}: {self.rule_set}"
