"""A child's needs: the checklist of need types and what is recorded for each child.

The number of needs recorded is the child's complexity count. The eligibility rules
(ecm.eligibility) read these models by name: keep the names.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child


class NeedType(models.Model):
    """One item of the needs checklist; reference data kept by system administrators."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_cy = models.CharField(_("Welsh name"), max_length=150, blank=True)
    indicates_trauma = models.BooleanField(
        _("indicates trauma"),
        default=False,
        help_text=_("Whether a child with this need has experienced trauma"),
    )
    sort_order = models.PositiveSmallIntegerField(_("order on the checklist"), default=0)
    is_active = models.BooleanField(_("on the checklist"), default=True)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str) -> str:
        return self.name_cy if language == "cy" and self.name_cy else self.name


class ChildNeed(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="needs")
    need_type = models.ForeignKey(NeedType, on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField(_("evidence"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["need_type__sort_order", "need_type__name"]
        constraints = [
            models.UniqueConstraint(fields=["child", "need_type"], name="child_need_unique")
        ]

    def __str__(self) -> str:
        return f"{self.child_id}: {self.need_type_id}"
