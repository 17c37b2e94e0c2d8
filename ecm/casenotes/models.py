"""Case notes on a child's record: a type, a date, who may read them, draft and final.

A draft can be changed by its author, and every saved version is kept
(`NoteVersion`). A final note is never changed: a correction is a new note that
points at the one it corrects.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child


class NoteKind(models.TextChoices):
    CONTACT = "contact", _("Contact")
    OBSERVATION = "observation", _("Observation")
    SUPERVISION = "supervision", _("Supervision")
    MULTI_AGENCY = "multi_agency", _("Multi-agency")
    OTHER = "other", _("Other")


class NoteVisibility(models.TextChoices):
    EVERYONE = "everyone", _("The whole youth justice team")
    ECM_TEAM = "ecm_team", _("The ECM team")
    CLINICAL = "clinical", _("The clinical team only")


class NoteState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class CaseNote(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="case_notes")
    kind = models.CharField(_("type of note"), max_length=20, choices=NoteKind.choices)
    noted_on = models.DateField(_("date"))
    title = models.CharField(_("summary"), max_length=200)
    text = models.TextField(_("note"))
    visibility = models.CharField(
        _("who may read it"),
        max_length=10,
        choices=NoteVisibility.choices,
        default=NoteVisibility.EVERYONE,
    )
    state = models.CharField(max_length=10, choices=NoteState.choices, default=NoteState.DRAFT)
    # A correction of a final note (which cannot be changed itself).
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking of drafts (see services.save_draft).
    version = models.PositiveIntegerField(default=1)
    # Makes a double-submitted "add" form create one note.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-noted_on", "-pk"]
        indexes = [models.Index(fields=["child", "noted_on"], name="casenote_child_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="draft", finalised_at__isnull=True)
                | models.Q(state="final", finalised_at__isnull=False),
                name="casenote_final_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.noted_on:%Y-%m-%d} {self.title}"

    @property
    def is_final(self) -> bool:
        return self.state == NoteState.FINAL


class NoteVersion(models.Model):
    """One saved version of a note: the history of edits of a draft, and the final text."""

    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=NoteKind.choices)
    noted_on = models.DateField()
    title = models.CharField(max_length=200)
    text = models.TextField()
    visibility = models.CharField(max_length=10, choices=NoteVisibility.choices)
    state = models.CharField(max_length=10, choices=NoteState.choices)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["note", "number"], name="noteversion_one_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.note_id} v{self.number}"
