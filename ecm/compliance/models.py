"""The non-attendance pathway: a follow-up after a missed appointment, the psychologist's
consultation for a child in ECM, and the enforcement decision, which is what the
statutory record of each order counts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.appointments.models import Appointment
from ecm.children.models import Child
from ecm.offending.models import Order


class FollowUp(models.Model):
    """Opened when an appointment is missed; due within one working day."""

    appointment = models.OneToOneField(
        Appointment, on_delete=models.PROTECT, related_name="follow_up"
    )
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="follow_ups")
    due_on = models.DateField(_("due by"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The child was in voluntary engagement when it was missed: a welfare follow-up,
    # never enforcement, and not counted against an order.
    voluntary = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    reason_given = models.TextField(_("the reason given"), blank=True)
    welfare_concerns = models.TextField(_("welfare concerns"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["child", "due_on"], name="follow_up_child_due")]

    def __str__(self) -> str:
        return f"Follow-up of appointment {self.appointment_id}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None


class Contacted(models.TextChoices):
    CHILD = "child", _("The child")
    PARENT_OR_CARER = "parent_or_carer", _("A parent or carer")
    PROFESSIONAL = "professional", _("Another professional (for example school or social worker)")


class Method(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    VISIT = "visit", _("Home visit")
    EMAIL = "email", _("E-mail")
    OTHER = "other", _("Other")


class Result(models.TextChoices):
    SPOKE = "spoke", _("Spoke with them")
    MESSAGE = "message", _("Left a message")
    NO_ANSWER = "no_answer", _("No answer")
    NOT_AT_HOME = "not_at_home", _("Nobody at home")


class Attempt(models.Model):
    """One attempt to reach the child or family, and what came of it."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="attempts")
    at = models.DateTimeField(_("when"))
    contacted = models.CharField(_("who"), max_length=20, choices=Contacted.choices)
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.follow_up_id}: {self.method} {self.result}"


class Change(models.TextChoices):
    TIME = "time", _("The time")
    PLACE = "place", _("The place")
    WHO = "who", _("Who sees the child")
    SUPPORT = "support", _("The support offered")


class PsychologistConsultation(models.Model):
    """The psychologist consulted about a missed appointment, before any enforcement
    decision for a child in ECM."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="consultations")
    psychologist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    consulted_on = models.DateField(_("date consulted"))
    formulation_says = models.TextField(_("what the formulation says about this pattern"))
    changes = models.JSONField(_("what the team will change"), default=list, blank=True)
    change_detail = models.TextField(_("the changes"), blank=True)
    advice = models.TextField(_("the advice given"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["consulted_on", "pk"]

    def __str__(self) -> str:
        return f"Consultation on follow-up {self.follow_up_id}"

    def change_labels(self) -> list[str]:
        labels = dict(Change.choices)
        return [str(labels.get(code, code)) for code in self.changes]


class DecisionKind(models.TextChoices):
    ACCEPTABLE = "acceptable", _("Acceptable absence")
    NO_FURTHER_ACTION = "no_further_action", _("Unacceptable absence, no further action")
    WARNING = "warning", _("Warning")
    BREACH = "breach", _("Breach proceedings")


# An unacceptable absence is a failure to comply with the order.
FAILURES = frozenset({DecisionKind.NO_FURTHER_ACTION, DecisionKind.WARNING, DecisionKind.BREACH})
# These wait for a team manager's sign-off where the service asks for it.
NEEDS_SIGN_OFF = frozenset({DecisionKind.WARNING, DecisionKind.BREACH})


class DecisionState(models.TextChoices):
    AWAITING_SIGN_OFF = "awaiting", _("Waiting for sign-off")
    IN_FORCE = "in_force", _("In force")
    NOT_AGREED = "not_agreed", _("Not agreed by the team manager")


class EnforcementDecision(models.Model):
    """What the missed appointment means for the order, with the balance written down.
    A decision the team manager does not agree stays on record; a new one can follow."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="decisions")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="enforcement_decisions")
    # The statutory order current on the day of the appointment, if any.
    order = models.ForeignKey(
        Order, null=True, blank=True, on_delete=models.PROTECT, related_name="enforcement_decisions"
    )
    kind = models.CharField(_("decision"), max_length=30, choices=DecisionKind.choices)
    public_protection = models.TextField(_("public protection"))
    vulnerability = models.TextField(_("the child's vulnerability"))
    ability_to_engage = models.TextField(_("the child's ability to engage"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    state = models.CharField(max_length=20, choices=DecisionState.choices)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sign_off_note = models.TextField(_("note"), blank=True)
    # The day the decision took effect (a warning's warned period runs from it).
    effective_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["decided_at", "pk"]
        indexes = [models.Index(fields=["order", "effective_on"], name="decision_order_effective")]
        constraints = [
            # One live decision per follow-up: a new one only after the last was not agreed.
            models.UniqueConstraint(
                fields=["follow_up"],
                condition=~models.Q(state="not_agreed"),
                name="one_live_decision_per_follow_up",
            ),
            models.CheckConstraint(
                condition=~models.Q(public_protection="")
                & ~models.Q(vulnerability="")
                & ~models.Q(ability_to_engage=""),
                name="decision_balance_written_down",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="in_force") | models.Q(effective_on__isnull=False),
                name="decision_in_force_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on follow-up {self.follow_up_id}"

    @property
    def is_failure(self) -> bool:
        return self.kind in FAILURES

    @property
    def in_force(self) -> bool:
        return self.state == DecisionState.IN_FORCE
