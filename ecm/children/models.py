"""The child's record: who the child is and who works with them."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.organisations.models import Service, Team


class Gender(models.TextChoices):
    GIRL = "female", _("Female")
    BOY = "male", _("Male")
    NON_BINARY = "non_binary", _("Non-binary")
    OTHER = "other", _("Uses another term")
    NOT_KNOWN = "not_known", _("Not known")


class Ethnicity(models.TextChoices):
    """The 2021 census categories for England and Wales."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", _("Asian or Asian British: Bangladeshi")
    ASIAN_CHINESE = "asian_chinese", _("Asian or Asian British: Chinese")
    ASIAN_INDIAN = "asian_indian", _("Asian or Asian British: Indian")
    ASIAN_PAKISTANI = "asian_pakistani", _("Asian or Asian British: Pakistani")
    ASIAN_OTHER = "asian_other", _("Asian or Asian British: any other Asian background")
    BLACK_AFRICAN = "black_african", _("Black, Black British, Caribbean or African: African")
    BLACK_CARIBBEAN = "black_caribbean", _("Black, Black British, Caribbean or African: Caribbean")
    BLACK_OTHER = (
        "black_other",
        _("Black, Black British, Caribbean or African: any other background"),
    )
    MIXED_WHITE_ASIAN = "mixed_white_asian", _("Mixed or multiple: White and Asian")
    MIXED_WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        _("Mixed or multiple: White and Black African"),
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        _("Mixed or multiple: White and Black Caribbean"),
    )
    MIXED_OTHER = "mixed_other", _("Mixed or multiple: any other background")
    WHITE_BRITISH = "white_british", _("White: Welsh, English, Scottish, Northern Irish or British")
    WHITE_IRISH = "white_irish", _("White: Irish")
    WHITE_GYPSY = "white_gypsy", _("White: Gypsy or Irish Traveller")
    WHITE_ROMA = "white_roma", _("White: Roma")
    WHITE_OTHER = "white_other", _("White: any other White background")
    OTHER_ARAB = "other_arab", _("Other ethnic group: Arab")
    OTHER = "other", _("Other ethnic group: any other")
    NOT_STATED = "not_stated", _("Not stated")


class LanguagePreference(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Another language")


class Child(models.Model):
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="children")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT)
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="caseload",
    )
    local_reference = models.CharField(_("local reference"), max_length=40)
    legal_first_name = models.CharField(_("legal first name"), max_length=100)
    legal_last_name = models.CharField(_("legal last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)
    gender_description = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=40, choices=Ethnicity.choices)
    language_preference = models.CharField(
        _("language preference"), max_length=10, choices=LanguagePreference.choices
    )
    language_other = models.CharField(max_length=100, blank=True)
    language_asked_on = models.DateField(null=True, blank=True)
    communication_needs = models.TextField(_("communication needs"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: every save increments it, and a save that started from
    # an older version is refused (see services.update_child).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["legal_last_name", "legal_first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "local_reference"], name="child_reference_unique_in_service"
            )
        ]
        indexes = [
            models.Index(fields=["service", "legal_last_name"], name="child_service_last_name"),
            models.Index(fields=["case_manager"], name="child_case_manager"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.legal_first_name
        return f"{first} {self.legal_last_name}"

    @property
    def legal_name(self) -> str:
        return f"{self.legal_first_name} {self.legal_last_name}"

    def age_on(self, day: date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
