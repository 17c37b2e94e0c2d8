"""Multi-agency formulation meetings: who is invited, who came, what was agreed.

A meeting belongs to one child and is chaired by a clinical psychologist of the
child's service. Invitations go to a partner agency (any worker of that agency
answers for it), to a member of staff, or to someone without an account by name
(a grandparent, a mentor). The tier agreed at the meeting is a
`trm.TierAssessment` pointing back here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.episodes.models import Episode
from ecm.organisations.models import PartnerAgency


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingLanguage(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Another language")


class Response(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    CONFIRMED = "confirmed", _("Coming")
    APOLOGIES = "apologies", _("Sent apologies")


class FormulationMeeting(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="formulation_meetings")
    episode = models.ForeignKey(
        Episode, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meetings_chaired"
    )
    # Whether the family was offered the meeting in Welsh, and the language used;
    # both required once the meeting is held (see services.mark_held).
    welsh_offered = models.BooleanField(null=True, blank=True)
    language_used = models.CharField(max_length=10, choices=MeetingLanguage.choices, blank=True)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    notes = models.TextField(blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking for the notes and the "held" form.
    version = models.PositiveIntegerField(default=1)
    # Makes a double-submitted scheduling form create one meeting.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["child", "-starts_at"], name="meeting_child_starts")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(online=True) | ~models.Q(place=""),
                name="meeting_place_or_online",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="held")
                | (models.Q(welsh_offered__isnull=False) & ~models.Q(language_used="")),
                name="meeting_held_records_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} – {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD


class Invitation(models.Model):
    """One invitation: to an agency, to a member of staff, or to someone by name."""

    meeting = models.ForeignKey(
        FormulationMeeting, on_delete=models.CASCADE, related_name="invitations"
    )
    agency = models.ForeignKey(PartnerAgency, null=True, blank=True, on_delete=models.PROTECT)
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_invitations",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    role_note = models.CharField(_("who they are"), max_length=200, blank=True)
    response = models.CharField(max_length=20, choices=Response.choices, default=Response.PENDING)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attended = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            # Exactly one of: an agency, a member of staff, a name.
            models.CheckConstraint(
                condition=(
                    models.Q(agency__isnull=False, invitee__isnull=True, name="")
                    | models.Q(agency__isnull=True, invitee__isnull=False, name="")
                    | (models.Q(agency__isnull=True, invitee__isnull=True) & ~models.Q(name=""))
                ),
                name="invitation_one_invitee",
            ),
            models.UniqueConstraint(
                fields=["meeting", "agency"],
                condition=models.Q(agency__isnull=False),
                name="invitation_agency_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "invitee"],
                condition=models.Q(invitee__isnull=False),
                name="invitation_person_once",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.agency is not None:
            return self.agency.name
        if self.invitee is not None:
            return str(self.invitee)
        return self.name


class MeetingAction(models.Model):
    meeting = models.ForeignKey(
        FormulationMeeting, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.TextField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_name = models.CharField(_("owner"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"))
    done = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False) | ~models.Q(owner_name=""),
                name="action_has_owner",
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def owner_label(self) -> str:
        return str(self.owner) if self.owner_id is not None else self.owner_name
