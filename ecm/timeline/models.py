"""The child's life timeline: events of the child's whole life, positive as well as
adverse, from every agency, the family and the child (primer §1 element 2, §3 step 3).

The meetings pack reads these models through `queries.events_for_pack` and draws them
with `drawing.timeline_svg`: keep the names.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.organisations.models import PartnerAgency


class CategoryGroup(models.TextChoices):
    ACE = "ace", _("Adverse childhood experience")
    PROTECTIVE = "protective", _("Positive and protective factor")
    HOME_MOVE = "home_move", _("Move of home")
    SCHOOL_CHANGE = "school_change", _("Change of school")
    EXCLUSION = "exclusion", _("Exclusion")
    BEREAVEMENT = "bereavement", _("Bereavement")
    CARE = "care", _("Care episode")
    HEALTH = "health", _("Health")
    SERVICES = "services", _("Contact with services")
    OFFENDING = "offending", _("Offending")
    OTHER = "other", _("Other")


class Valence(models.TextChoices):
    ADVERSE = "adverse", _("Adverse")
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")


class Shape(models.TextChoices):
    """How the drawn timeline marks a category (never by colour alone)."""

    CIRCLE = "circle", _("Circle")
    SQUARE = "square", _("Square")
    TRIANGLE = "triangle", _("Triangle")
    DIAMOND = "diamond", _("Diamond")
    HEXAGON = "hexagon", _("Hexagon")
    STAR = "star", _("Star")
    CROSS = "cross", _("Cross")


class EventCategory(models.Model):
    """One category of life event; reference data kept by system administrators."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_cy = models.CharField(_("Welsh name"), max_length=150, blank=True)
    group = models.CharField(_("group"), max_length=20, choices=CategoryGroup.choices)
    default_valence = models.CharField(
        _("usual valence"), max_length=10, choices=Valence.choices, default=Valence.ADVERSE
    )
    shape = models.CharField(_("shape on the drawn timeline"), max_length=10, choices=Shape.choices)
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "event categories"

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str) -> str:
        return self.name_cy if language == "cy" and self.name_cy else self.name


class Precision(models.TextChoices):
    EXACT = "exact", _("On a date")
    MONTH = "month", _("In a month")
    YEAR = "year", _("In a year")
    AGE = "age", _("At an age")
    RANGE = "range", _("Over a period")


class SourceKind(models.TextChoices):
    # An agency: the partner agency named, or the youth justice service itself when none is.
    AGENCY = "agency", _("An agency")
    FAMILY = "family", _("The family")
    CHILD = "child", _("The child")


class Certainty(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    REPORTED = "reported", _("Reported")
    BELIEVED = "believed", _("Believed")


class Visibility(models.TextChoices):
    EVERYONE = "everyone", _("Everyone working with the child")
    CLINICAL = "clinical", _("The clinical team only")


class Status(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    # A partner agency's contribution, waiting for the psychologist's review.
    PENDING = "pending", _("Waiting for review")
    MERGED = "merged", _("Merged into another event")


class TimelineEvent(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="timeline_events")
    title = models.CharField(_("what happened"), max_length=150)
    description = models.TextField(_("more detail"), blank=True)
    category = models.ForeignKey(EventCategory, on_delete=models.PROTECT, related_name="+")
    valence = models.CharField(_("valence"), max_length=10, choices=Valence.choices)
    # What was entered decides the period: a day (exact), the month, the year, the year
    # of the child's life from a birthday (age) or from one start to one end (range).
    precision = models.CharField(_("precision"), max_length=10, choices=Precision.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    age_years = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    source_kind = models.CharField(_("source"), max_length=10, choices=SourceKind.choices)
    source_agency = models.ForeignKey(
        PartnerAgency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    certainty = models.CharField(_("how sure"), max_length=10, choices=Certainty.choices)
    visibility = models.CharField(
        _("who may see it"), max_length=10, choices=Visibility.choices, default=Visibility.EVERYONE
    )
    significant = models.BooleanField(_("matters for the formulation"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_events"
    )
    contributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Optimistic locking (see ecm.core.conflicts).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_on", "ends_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="timeline_event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(precision="age", age_years__isnull=False)
                | (~models.Q(precision="age") & models.Q(age_years__isnull=True)),
                name="timeline_event_age_given_for_age",
            ),
            models.CheckConstraint(
                condition=~models.Q(precision="range") | models.Q(ends_on__isnull=False),
                name="timeline_event_range_has_end",
            ),
            models.CheckConstraint(
                condition=models.Q(status="merged", merged_into__isnull=False)
                | (~models.Q(status="merged") & models.Q(merged_into__isnull=True)),
                name="timeline_event_merged_names_event",
            ),
            models.CheckConstraint(
                condition=models.Q(source_agency__isnull=True) | models.Q(source_kind="agency"),
                name="timeline_event_agency_for_agency_source",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "status", "starts_on"], name="timeline_child_status"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m-%d} {self.title}"

    @property
    def is_pending(self) -> bool:
        return self.status == Status.PENDING

    @property
    def is_clinical(self) -> bool:
        return self.visibility == Visibility.CLINICAL


class RevisionAction(models.TextChoices):
    ADDED = "added", _("Added")
    CHANGED = "changed", _("Changed")
    ACCEPTED = "accepted", _("Accepted")
    MERGED = "merged", _("Merged into another event")


class TimelineEventRevision(models.Model):
    """The event as it was after each save: its history, never changed afterwards."""

    event = models.ForeignKey(TimelineEvent, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField()
    action = models.CharField(max_length=10, choices=RevisionAction.choices)
    snapshot = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "version", "pk"]

    def __str__(self) -> str:
        return f"{self.event_id} v{self.version} {self.action}"
