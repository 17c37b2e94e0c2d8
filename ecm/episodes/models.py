"""ECM episodes: from referral through screening, consent, formulation and delivery
to voluntary engagement, transition or closure, with every change kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.eligibility.models import Route, RuleSet
from ecm.organisations.models import PartnerAgency


class Stage(models.TextChoices):
    REFERRED = "referred", _("Referred")
    SCREENING = "screening", _("Screening")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CONSENT = "consent", _("Seeking consent")
    FORMULATION = "formulation", _("Formulation")
    ACTIVE = "active", _("Active")
    VOLUNTARY = "voluntary", _("Voluntary engagement")
    TRANSITION = "transition", _("Transition to adult probation")
    CLOSED = "closed", _("Closed")


# The stages an episode can move to from each stage, besides closing.
NEXT_STAGES: dict[str, tuple[str, ...]] = {
    Stage.REFERRED: (Stage.SCREENING,),
    Stage.SCREENING: (),  # left by a screening decision
    Stage.ACCEPTED: (Stage.CONSENT,),
    Stage.DECLINED: (),
    Stage.CONSENT: (Stage.FORMULATION,),
    Stage.FORMULATION: (Stage.ACTIVE,),
    Stage.ACTIVE: (Stage.VOLUNTARY, Stage.TRANSITION),
    Stage.VOLUNTARY: (Stage.TRANSITION,),
    Stage.TRANSITION: (),
    Stage.CLOSED: (),
}
ENDED_STAGES = frozenset({Stage.DECLINED, Stage.CLOSED})


class CloseReason(models.TextChoices):
    PLANNED_END = "planned_end", _("Planned end")
    MOVED_AREA = "moved_area", _("Moved to another area")
    ADULT_PROBATION = "adult_probation", _("Transferred to adult probation")
    DECLINED = "declined", _("Declined to take part")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
    CUSTODY = "custody", _("Custody")
    OTHER = "other", _("Other")


class ReferralSource(models.TextChoices):
    CASE_MANAGER = "case_manager", _("Case manager")
    PARTNER_AGENCY = "partner_agency", _("Partner agency")
    SELF = "self", _("Self-referral (the child or family)")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")


class Decision(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    DECLINE = "decline", _("Decline")
    OVERRIDE = "override", _("Accept against the rules (override)")


class DeclineReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", _("Does not meet the eligibility rules")
    OTHER_SUPPORT = "other_support", _("Better supported by another service")
    NOT_NOW = "not_now", _("Not the right time")
    NO_CAPACITY = "no_capacity", _("No capacity in the team")
    OTHER = "other", _("Other")


class Episode(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="episodes")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.REFERRED)
    stage_since = models.DateTimeField()
    close_reason = models.CharField(max_length=30, choices=CloseReason.choices, blank=True)
    # Referral
    route = models.CharField(max_length=20, choices=Route.choices, default=Route.YOUTH_JUSTICE)
    referred_on = models.DateField()
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals"
    )
    source = models.CharField(max_length=20, choices=ReferralSource.choices)
    source_agency = models.ForeignKey(
        PartnerAgency, null=True, blank=True, on_delete=models.PROTECT
    )
    reason = models.TextField()
    tried_before = models.TextField(blank=True)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    voluntary = models.BooleanField(default=False)
    expected_months = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-referred_on", "-pk"]
        indexes = [models.Index(fields=["stage", "stage_since"], name="episode_stage")]
        constraints = [
            # At most one episode in progress per child; ended ones are kept.
            models.UniqueConstraint(
                fields=["child"],
                condition=~models.Q(stage__in=["declined", "closed"]),
                name="one_open_episode_per_child",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child} – {self.stage}"

    @property
    def is_open(self) -> bool:
        return self.stage not in ENDED_STAGES


class StageChange(models.Model):
    """The dated history of an episode: every move, who made it and why."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


class Screening(models.Model):
    """A manager's decision, with the evaluation it was made against, kept as it was."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="screenings")
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT)
    evaluated_on = models.DateField()
    results = models.JSONField()
    overall = models.CharField(max_length=20)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    decline_reason = models.CharField(max_length=30, choices=DeclineReason.choices, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.episode}: {self.decision}"

    @property
    def accepted(self) -> bool:
        # An override accepts a child the rules would not (a reason is always recorded).
        return self.decision in (Decision.ACCEPT, Decision.OVERRIDE)
