from django.contrib import admin
from django.http import HttpRequest

from ecm.timeline.models import EventCategory


@admin.register(EventCategory)
class EventCategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """System administrators keep the categories of life events: names in English and
    Welsh, group, usual valence, shape on the drawn timeline, order, and whether offered."""

    list_display = (
        "name",
        "name_cy",
        "code",
        "group",
        "default_valence",
        "shape",
        "sort_order",
        "is_active",
    )
    list_editable = ("sort_order", "is_active")
    list_filter = ("group", "default_valence", "is_active")
    search_fields = ("name", "name_cy", "code")
    ordering = ("sort_order", "name")

    def has_delete_permission(self, request: HttpRequest, obj: EventCategory | None = None) -> bool:
        # Events refer to their category: retire a category instead (untick "offered").
        return False
