from django.contrib import admin
from django.http import HttpRequest

from ecm.needs.models import NeedType


@admin.register(NeedType)
class NeedTypeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """System administrators keep the needs checklist: names in English and Welsh,
    which needs indicate trauma, their order, and whether they are offered."""

    list_display = ("name", "name_cy", "code", "indicates_trauma", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")
    list_filter = ("indicates_trauma", "is_active")
    search_fields = ("name", "name_cy", "code")
    ordering = ("sort_order", "name")

    def has_delete_permission(self, request: HttpRequest, obj: NeedType | None = None) -> bool:
        # Needs recorded for children refer to their type: retire a type instead
        # (untick "on the checklist") so that history keeps its meaning.
        return False
