"""Safeguarding and risk concerns about or around a child, in every phase of the work,
voluntary engagement included: raised, escalated to a team manager with a time by
which they respond, referred to other agencies, and closed with a reason."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.organisations.models import PartnerAgency


class AtRisk(models.TextChoices):
    CHILD = "child", _("The child")
    OTHER_CHILD = "other_child", _("Another child or young person")
    FAMILY = "family", _("Someone in the child's family or home")
    PUBLIC = "public", _("A member of the public")
    STAFF = "staff", _("Staff or another professional")


class ConcernStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ESCALATED = "escalated", _("Escalated")
    CLOSED = "closed", _("Closed")


class CloseReason(models.TextChoices):
    SAFE_NOW = "safe_now", _("The risk has been dealt with")
    AGENCY_LEADS = "agency_leads", _("Another agency now leads on it")
    NO_FURTHER_ACTION = "no_further_action", _("No further action is needed")
    RAISED_IN_ERROR = "raised_in_error", _("Raised in error")
    OTHER = "other", _("Other")


class Concern(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="concerns")
    what = models.TextField(_("what happened or what you are worried about"))
    happened_on = models.DateField(_("when"))
    happened_at = models.TimeField(_("time"), null=True, blank=True)
    who_at_risk = models.JSONField(_("who is at risk"), default=list)
    at_risk_detail = models.TextField(_("about the people at risk"), blank=True)
    immediate_action = models.TextField(_("immediate action taken"))
    # Raised while the child was in voluntary engagement after an order (shown as such).
    during_voluntary = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    # When the team manager is to have responded by.
    response_due_at = models.DateTimeField(null=True, blank=True)
    escalation_note = models.TextField(blank=True)
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    close_note = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    # Makes a double-submitted form raise one concern.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["child", "status"], name="concern_child_status")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed")
                | (models.Q(closed_at__isnull=False) & ~models.Q(close_reason="")),
                name="concern_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(escalated_at__isnull=True)
                | models.Q(response_due_at__isnull=False),
                name="concern_escalation_has_due_time",
            ),
        ]

    def __str__(self) -> str:
        return f"concern {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status != ConcernStatus.CLOSED

    def response_overdue(self, now: datetime) -> bool:
        return bool(
            self.is_open
            and self.response_due_at is not None
            and self.responded_at is None
            and self.response_due_at < now
        )

    def at_risk_labels(self) -> list[str]:
        labels = dict(AtRisk.choices)
        return [str(labels.get(code, code)) for code in self.who_at_risk]


class Referral(models.Model):
    """A referral made to another agency about a concern, and what came of it."""

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="referrals")
    agency = models.ForeignKey(
        PartnerAgency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # An agency that is not a partner agency of the service (for example the LADO).
    agency_name = models.CharField(_("agency"), max_length=200, blank=True)
    made_on = models.DateField(_("date of the referral"))
    details = models.TextField(_("what was asked, and any reference"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_on = models.DateField(_("date of the outcome"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["made_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agency__isnull=False) | ~models.Q(agency_name=""),
                name="referral_names_an_agency",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome_on__isnull=True)
                | models.Q(outcome_on__gte=models.F("made_on")),
                name="referral_outcome_after_referral",
            ),
        ]

    def __str__(self) -> str:
        return self.agency_label

    @property
    def agency_label(self) -> str:
        return self.agency.name if self.agency else self.agency_name
