"""A child's offences and the orders and out-of-court disposals that followed them.

The eligibility rules (ecm.eligibility) read these models by name: keep the names.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child


class OffenceCategory(models.TextChoices):
    """The Youth Justice Board's offence groups."""

    VIOLENCE_AGAINST_THE_PERSON = "violence_against_the_person", _("Violence against the person")
    SEXUAL_OFFENCES = "sexual_offences", _("Sexual offences")
    ROBBERY = "robbery", _("Robbery")
    THEFT_AND_HANDLING = "theft_and_handling", _("Theft and handling stolen goods")
    BURGLARY = "burglary", _("Burglary")
    VEHICLE_THEFT = "vehicle_theft", _("Vehicle theft or unauthorised taking")
    CRIMINAL_DAMAGE = "criminal_damage", _("Criminal damage")
    ARSON = "arson", _("Arson")
    DRUGS = "drugs", _("Drugs offences")
    PUBLIC_ORDER = "public_order", _("Public order")
    RACIALLY_AGGRAVATED = "racially_aggravated", _("Racially or religiously aggravated")
    MOTORING = "motoring", _("Motoring offences")
    BREACH_OF_STATUTORY_ORDER = "breach_of_statutory_order", _("Breach of a statutory order")
    FRAUD_AND_FORGERY = "fraud_and_forgery", _("Fraud and forgery")
    DEATH_OR_INJURY_BY_DANGEROUS_DRIVING = (
        "death_or_injury_by_dangerous_driving",
        _("Death or injury by dangerous driving"),
    )
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    NO_FURTHER_ACTION = "no_further_action", _("No further action")
    COMMUNITY_RESOLUTION = "community_resolution", _("Community resolution")
    YOUTH_CAUTION = "youth_caution", _("Youth caution")
    YOUTH_CONDITIONAL_CAUTION = "youth_conditional_caution", _("Youth conditional caution")
    REFERRAL_ORDER = "referral_order", _("Referral order")
    YOUTH_REHABILITATION_ORDER = "youth_rehabilitation_order", _("Youth rehabilitation order")
    DETENTION_AND_TRAINING_ORDER = (
        "detention_and_training_order",
        _("Detention and training order"),
    )
    OTHER_CUSTODIAL = "other_custodial", _("Other custodial sentence")


SERIOUSNESS_MIN, SERIOUSNESS_MAX = 1, 8


class Offence(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="offences")
    offence_date = models.DateField(_("date of the offence"))
    description = models.CharField(_("description"), max_length=300)
    category = models.CharField(_("category"), max_length=40, choices=OffenceCategory.choices)
    # The Youth Justice Board's seriousness score, 1 (least) to 8 (most serious).
    seriousness = models.PositiveSmallIntegerField(_("seriousness"))
    outcome = models.CharField(_("outcome"), max_length=40, choices=Outcome.choices)
    proven_on = models.DateField(_("date proven"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-offence_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seriousness__gte=SERIOUSNESS_MIN)
                & models.Q(seriousness__lte=SERIOUSNESS_MAX),
                name="offence_seriousness_1_to_8",
            ),
            models.CheckConstraint(
                condition=models.Q(proven_on__isnull=True)
                | models.Q(proven_on__gte=models.F("offence_date")),
                name="offence_proven_after_offence",
            ),
        ]
        indexes = [models.Index(fields=["child", "offence_date"], name="offence_child_date")]

    def __str__(self) -> str:
        return f"{self.offence_date:%Y-%m-%d} {self.description}"


class OrderType(models.TextChoices):
    COMMUNITY_RESOLUTION = "community_resolution", _("Community resolution")
    YOUTH_CAUTION = "youth_caution", _("Youth caution")
    YOUTH_CONDITIONAL_CAUTION = "youth_conditional_caution", _("Youth conditional caution")
    REFERRAL_ORDER = "referral_order", _("Referral order")
    YOUTH_REHABILITATION_ORDER = "youth_rehabilitation_order", _("Youth rehabilitation order")
    DETENTION_AND_TRAINING_ORDER = (
        "detention_and_training_order",
        _("Detention and training order"),
    )
    OTHER_CUSTODIAL = "other_custodial", _("Other custodial sentence")


STATUTORY_COURT_ORDERS = frozenset(
    {
        OrderType.REFERRAL_ORDER,
        OrderType.YOUTH_REHABILITATION_ORDER,
        OrderType.DETENTION_AND_TRAINING_ORDER,
        OrderType.OTHER_CUSTODIAL,
    }
)


class Requirement(models.TextChoices):
    """Requirements a court may attach to a youth rehabilitation order."""

    SUPERVISION = "supervision", _("Supervision")
    ACTIVITY = "activity", _("Activity")
    CURFEW = "curfew", _("Curfew")
    ELECTRONIC_MONITORING = "electronic_monitoring", _("Electronic monitoring")
    UNPAID_WORK = "unpaid_work", _("Unpaid work")
    PROGRAMME = "programme", _("Programme")
    ATTENDANCE_CENTRE = "attendance_centre", _("Attendance centre")
    PROHIBITED_ACTIVITY = "prohibited_activity", _("Prohibited activity")
    EXCLUSION = "exclusion", _("Exclusion")
    RESIDENCE = "residence", _("Residence")
    LOCAL_AUTHORITY_RESIDENCE = "local_authority_residence", _("Local authority residence")
    MENTAL_HEALTH_TREATMENT = "mental_health_treatment", _("Mental health treatment")
    DRUG_TREATMENT = "drug_treatment", _("Drug treatment")
    DRUG_TESTING = "drug_testing", _("Drug testing")
    INTOXICATING_SUBSTANCE_TREATMENT = (
        "intoxicating_substance_treatment",
        _("Intoxicating substance treatment"),
    )
    EDUCATION = "education", _("Education")
    INTENSIVE_SUPERVISION_AND_SURVEILLANCE = (
        "intensive_supervision_and_surveillance",
        _("Intensive supervision and surveillance"),
    )
    FOSTERING = "fostering", _("Fostering")


class Order(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="orders")
    order_type = models.CharField(_("type"), max_length=40, choices=OrderType.choices)
    start_date = models.DateField(_("start date"))
    # The day the order actually ended (early revocation, completion); empty while it runs.
    end_date = models.DateField(_("end date"), null=True, blank=True)
    expected_end_date = models.DateField(_("expected end date"), null=True, blank=True)
    # Codes from Requirement, for youth rehabilitation orders only.
    requirements = models.JSONField(_("requirements"), default=list, blank=True)
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking, as on Child: see services.update_order.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="order_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(expected_end_date__isnull=True)
                | models.Q(expected_end_date__gte=models.F("start_date")),
                name="order_expected_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["child", "start_date"], name="order_child_start")]

    def __str__(self) -> str:
        return f"{self.get_order_type_display()} from {self.start_date:%Y-%m-%d}"

    def is_current(self, on: date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    @property
    def ends_on(self) -> date | None:
        return self.end_date or self.expected_end_date

    @property
    def is_statutory(self) -> bool:
        return self.order_type in STATUTORY_COURT_ORDERS

    def requirement_labels(self) -> list[str]:
        labels = dict(Requirement.choices)
        return [str(labels.get(code, code)) for code in self.requirements]
