"""After the order: voluntary engagement, and the move to adult probation.

Voluntary engagement continues ECM with a child whose statutory order has ended,
on their fresh consent: no enforcement, no compliance counting, reviews at the
service's cadence and a planned end. A transition plan prepares a young person
from 17½ for adult probation, and a review after the transfer records how it went.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.consent.models import ConsentRecord
from ecm.episodes.models import Episode
from ecm.offending.models import Order
from ecm.organisations.models import PartnerAgency


class EndReason(models.TextChoices):
    PLANNED_END = "planned_end", _("The planned end was reached")
    CHILD_CHOSE = "child_chose", _("The child chose to stop")
    NEW_ORDER = "new_order", _("A new statutory order began")
    ADULT_PROBATION = "adult_probation", _("Moved to adult probation")
    MOVED_AREA = "moved_area", _("Moved to another area")
    OTHER = "other", _("Other")


class VoluntaryEngagement(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="voluntary_engagements")
    episode = models.ForeignKey(
        Episode, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The statutory order whose end this continues after.
    ended_order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="+")
    # The child's fresh consent to take part, given on or after the start.
    consent = models.ForeignKey(ConsentRecord, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("start date"))
    planned_end_on = models.DateField(_("planned end"))
    # The service's review cadence when it started (Service.voluntary_review_weeks).
    review_weeks = models.PositiveSmallIntegerField()
    what_continues = models.TextField(_("what the child wants to carry on with"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    end_note = models.TextField(blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end_on__gt=models.F("started_on")),
                name="voluntary_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="voluntary_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, end_reason="")
                | (models.Q(ended_on__isnull=False) & ~models.Q(end_reason="")),
                name="voluntary_end_has_reason",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_voluntary_engagement_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child_id} voluntary from {self.started_on:%Y-%m-%d}"


class VoluntaryReview(models.Model):
    engagement = models.ForeignKey(
        VoluntaryEngagement, on_delete=models.PROTECT, related_name="reviews"
    )
    reviewed_on = models.DateField(_("date of the review"))
    how_it_is_going = models.TextField(_("how it is going"))
    child_view = models.TextField(_("what the child says"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"review {self.reviewed_on:%Y-%m-%d}"


class TransitionPlan(models.Model):
    """One young person's move to adult probation."""

    child = models.OneToOneField(Child, on_delete=models.PROTECT, related_name="transition_plan")
    views = models.TextField(_("the young person's views"))
    worries = models.TextField(_("their worries"), blank=True)
    probation_agency = models.ForeignKey(
        PartnerAgency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    practitioner = models.CharField(_("receiving probation practitioner"), max_length=200)
    office = models.CharField(_("probation office"), max_length=200)
    joint_meeting_on = models.DateField(_("joint meeting"), null=True, blank=True)
    joint_meeting_notes = models.TextField(_("about the joint meeting"), blank=True)
    transfer_on = models.DateField(_("agreed date of the handover"))
    what_has_helped = models.TextField(_("what has helped"), blank=True)
    shared_summary = models.TextField(
        _("formulation summary and recommendations the young person agreed to share"),
        blank=True,
    )
    plan_and_risks = models.TextField(_("current plan and risks"), blank=True)
    communication = models.TextField(_("communication needs and preferences"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking (see plans.update_plan).
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"transition plan of {self.child_id}"


class TransitionStep(models.Model):
    """An incremental step before the handover, for example a joint appointment."""

    plan = models.ForeignKey(TransitionPlan, on_delete=models.PROTECT, related_name="steps")
    description = models.CharField(_("step"), max_length=300)
    due_on = models.DateField(_("planned for"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description


class TransferReview(models.Model):
    """After the handover: how it went."""

    plan = models.OneToOneField(TransitionPlan, on_delete=models.PROTECT, related_name="review")
    transferred_on = models.DateField(_("date of the handover"))
    reviewed_on = models.DateField(_("date of the review"))
    how_it_went = models.TextField(_("how it went"))
    young_person_view = models.TextField(_("what the young person says"), blank=True)
    learning = models.TextField(_("what the team would do differently"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reviewed_on__gte=models.F("transferred_on")),
                name="transfer_review_after_handover",
            )
        ]

    def __str__(self) -> str:
        return f"review of {self.plan_id}"


class TransitionPrompt(models.Model):
    """The e-mail that asked the case manager for a transition plan, sent once."""

    child = models.OneToOneField(Child, on_delete=models.PROTECT, related_name="+")
    sent_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"prompt for {self.child_id}"
