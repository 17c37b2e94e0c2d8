"""The people around a child, and the consents the child and they have given.

Consent records are never deleted: a withdrawal is recorded on the record itself,
with who recorded it and when, so the history stays complete.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child, LanguagePreference
from ecm.organisations.models import PartnerAgency


class Relationship(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    STEP_PARENT = "step_parent", _("Step-parent")
    GRANDPARENT = "grandparent", _("Grandparent")
    FOSTER_CARER = "foster_carer", _("Foster carer")
    KINSHIP_CARER = "kinship_carer", _("Kinship carer (family or friend)")
    RESIDENTIAL_CARER = "residential_carer", _("Residential carer")
    SIBLING = "sibling", _("Brother or sister")
    OTHER = "other", _("Someone else")


class RelatedPerson(models.Model):
    """A parent, carer or other person important to the child."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="related_people")
    full_name = models.CharField(_("full name"), max_length=200)
    relationship = models.CharField(_("relationship"), max_length=30, choices=Relationship.choices)
    relationship_other = models.CharField(max_length=100, blank=True)
    has_parental_responsibility = models.BooleanField(default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=LanguagePreference.choices)
    language_other = models.CharField(max_length=100, blank=True)
    language_asked_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking, as on the child's record (see services.update_related_person).
    version = models.PositiveIntegerField(default=1)
    # Makes a double-submitted "add" form create one person.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def relationship_label(self) -> str:
        if self.relationship == Relationship.OTHER and self.relationship_other:
            return self.relationship_other
        return str(self.get_relationship_display())

    @property
    def language_label(self) -> str:
        if self.language == LanguagePreference.OTHER and self.language_other:
            return self.language_other
        return str(self.get_language_display())


class ConsentPurpose(models.TextChoices):
    PARTICIPATION = "participation", _("Taking part in Enhanced Case Management")
    SHARING = "sharing", _("Sharing information with named agencies")
    REMINDERS = "reminders", _("Reminders by text message or email")
    EVALUATION = "evaluation", _("Use of pseudonymised information to evaluate the service")


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", _("Signed form")
    VERBAL_WITH_WITNESS = "verbal_with_witness", _("Said out loud, with a witness")


class ReminderChannel(models.TextChoices):
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")


class ConsentState(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    REVIEW_DUE = "review_due", _("Review due")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NOT_YET = "not_yet", _("Not in force yet")


class ConsentRecord(models.Model):
    """One person's consent to one purpose. `person` empty: the child's own consent."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="consents")
    person = models.ForeignKey(
        RelatedPerson,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    agencies = models.ManyToManyField(PartnerAgency, blank=True, related_name="sharing_consents")
    reminder_channels = models.JSONField(default=list, blank=True)
    method = models.CharField(_("method"), max_length=30, choices=ConsentMethod.choices)
    witness_name = models.CharField(max_length=200, blank=True)
    # How the child showed they understood (a competence note): required for the
    # child's own consent.
    understanding_note = models.TextField(blank=True)
    language_explained = models.CharField(max_length=10, choices=LanguagePreference.choices)
    given_on = models.DateField()
    review_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawal_recorded_at = models.DateTimeField(null=True, blank=True)
    withdrawal_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Makes a double-submitted form record one consent.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["given_on", "pk"]
        indexes = [models.Index(fields=["child", "purpose"], name="consent_child_purpose")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(method="verbal_with_witness") | ~models.Q(witness_name=""),
                name="consent_verbal_needs_witness",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(understanding_note=""),
                name="consent_child_understanding_noted",
            ),
            models.CheckConstraint(
                condition=models.Q(review_on__isnull=True)
                | models.Q(review_on__gte=models.F("given_on")),
                name="consent_review_after_given",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True, withdrawal_recorded_at__isnull=True)
                | models.Q(withdrawn_on__isnull=False, withdrawal_recorded_at__isnull=False),
                name="consent_withdrawal_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on})"

    def in_force(self, on: date) -> bool:
        return self.given_on <= on and (self.withdrawn_on is None or self.withdrawn_on > on)

    def state(self, on: date) -> ConsentState:
        if self.withdrawn_on is not None and self.withdrawn_on <= on:
            return ConsentState.WITHDRAWN
        if self.given_on > on:
            return ConsentState.NOT_YET
        if self.review_on is not None and self.review_on < on:
            return ConsentState.REVIEW_DUE
        return ConsentState.IN_FORCE

    @property
    def is_childs_own(self) -> bool:
        return self.person_id is None

    @property
    def reminder_channel_labels(self) -> list[str]:
        labels = dict(ReminderChannel.choices)
        return [str(labels.get(c, c)) for c in self.reminder_channels or []]
