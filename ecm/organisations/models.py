"""Youth justice services, their teams and partner agencies, and who works where."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASE_MANAGER = "case_manager", _("Case manager")
    PSYCHOLOGIST = "psychologist", _("Clinical psychologist")
    TEAM_MANAGER = "team_manager", _("Team manager")
    SENIOR_MANAGER = "senior_manager", _("Senior manager")
    PARTNER = "partner", _("Partner agency worker")
    EVALUATOR = "evaluator", _("Evaluator")
    SERVICE_ADMIN = "service_admin", _("Service administrator")


class AgencyKind(models.TextChoices):
    EDUCATION = "education", _("Education")
    SOCIAL_CARE = "social_care", _("Children's social care")
    HEALTH = "health", _("Health and CAMHS")
    POLICE = "police", _("Police")
    SPEECH_LANGUAGE = "speech_language", _("Speech and language therapy")
    PROBATION = "probation", _("Probation")
    OTHER = "other", _("Other")


class Service(models.Model):
    """A youth justice service: the unit that owns children's records."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    requires_second_signature = models.BooleanField(default=False)
    # A parent's or carer's ECM consent is also needed while the child is under this
    # age (0: never). Configuration, not law: services set their own policy.
    carer_consent_under_age = models.PositiveSmallIntegerField(default=16)
    # Who besides case managers may refer a child (prevention work often allows both).
    accepts_partner_referrals = models.BooleanField(default=False)
    accepts_self_referrals = models.BooleanField(default=False)
    # A team manager signs off warnings and breach proceedings after a missed
    # appointment before they take effect (ecm.compliance).
    enforcement_needs_sign_off = models.BooleanField(default=True)
    # How often voluntary engagement after an order is reviewed, in weeks (ecm.transitions).
    voluntary_review_weeks = models.PositiveSmallIntegerField(default=6)
    # Counts saves of the settings above, so that two administrators changing them at
    # once meet a conflict page instead of one silently replacing the other's choices.
    settings_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str) -> str:
        return self.name_cy if language == "cy" and self.name_cy else self.name


# What a service administrator may change about their own service, in the order of the
# "Service settings" page (ecm.organisations.services.change_settings).
SERVICE_SETTINGS = (
    "name_cy",
    "requires_second_signature",
    "enforcement_needs_sign_off",
    "accepts_partner_referrals",
    "accepts_self_referrals",
    "carer_consent_under_age",
    "voluntary_review_weeks",
)


class Team(models.Model):
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="team_name_unique_in_service")
        ]

    def __str__(self) -> str:
        return self.name


class PartnerAgency(models.Model):
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=30, choices=AgencyKind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "partner agencies"
        constraints = [
            models.UniqueConstraint(
                fields=["service", "name"], name="agency_name_unique_in_service"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """One person's role in one service. A psychologist may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT)
    agency = models.ForeignKey(PartnerAgency, null=True, blank=True, on_delete=models.PROTECT)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["service__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "service", "role"], name="one_membership_per_role_and_service"
            ),
            models.CheckConstraint(
                condition=~models.Q(role="partner") | models.Q(agency__isnull=False),
                name="partner_membership_names_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.service}"
