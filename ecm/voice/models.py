"""The child's and family's voice: what they want the people working with them to
know, in their own words.

Records are never changed: each time the child or a carer is asked again, a new
record is added (with the next version number for that person), so what they said
before stays visible beside what they say now.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.consent.models import RelatedPerson

# The five questions, in the order they are asked and shown.
ANSWER_FIELDS = (
    "what_matters",
    "what_helps",
    "what_does_not_help",
    "for_the_meeting",
    "who_i_trust",
)


class HowShared(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    DRAWN = "drawn", _("Drawn")
    WRITTEN_BY_CHILD = "written_by_child", _("Written by the child or carer themselves")
    OTHER = "other", _("Another way")


class VoiceRecord(models.Model):
    """What one person said, on one day. `person` empty: the child's own voice."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="voice_records")
    person = models.ForeignKey(
        RelatedPerson,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voice_records",
    )
    what_matters = models.TextField(_("what matters to me"), blank=True)
    what_helps = models.TextField(_("what helps me"), blank=True)
    what_does_not_help = models.TextField(_("what does not help me"), blank=True)
    for_the_meeting = models.TextField(_("what I want people at the meeting to know"), blank=True)
    who_i_trust = models.TextField(_("who I trust"), blank=True)
    how = models.CharField(_("how"), max_length=20, choices=HowShared.choices)
    how_other = models.CharField(max_length=200, blank=True)
    recorded_with = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField(_("date recorded"))
    # 1 for a person's first record, then 2, 3…: the order they were added in.
    version = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Makes a double-submitted form add one record.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        indexes = [models.Index(fields=["child", "person"], name="voice_child_person")]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "version"],
                condition=models.Q(person__isnull=True),
                name="voice_child_version_unique",
            ),
            models.UniqueConstraint(
                fields=["person", "version"],
                condition=models.Q(person__isnull=False),
                name="voice_person_version_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(what_matters="", what_helps="", what_does_not_help="")
                | ~models.Q(for_the_meeting="", who_i_trust=""),
                name="voice_says_something",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child_id}/{self.person_id or 'child'} v{self.version}"

    @property
    def is_childs_own(self) -> bool:
        return self.person_id is None

    @property
    def how_label(self) -> str:
        if self.how == HowShared.OTHER and self.how_other:
            return self.how_other
        return str(self.get_how_display())
