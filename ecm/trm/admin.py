from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ecm.trm.models import Tier, TierRevision


class TierRevisionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = TierRevision
    extra = 0
    can_delete = False
    readonly_fields = ("changed_at", "changed_by", "before")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Tier)
class TierAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """System administrators may correct a tier's wording here too (service
    administrators do it in ECM, under "Tiers"); each change keeps the wording before."""

    list_display = ("number", "name", "name_cy")
    ordering = ("number",)
    readonly_fields = ("number", "version")
    inlines = [TierRevisionInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the seven tiers are shipped by migration 0002

    def has_delete_permission(self, request: HttpRequest, obj: Tier | None = None) -> bool:
        return False  # assessments refer to their tier

    def save_model(self, request: HttpRequest, obj: Tier, form: Any, change: bool) -> None:
        if change:
            before = Tier.objects.get(pk=obj.pk)
            TierRevision.objects.create(
                tier=obj,
                changed_by=request.user,  # type: ignore[misc]
                before=before.wording(),
            )
            obj.version = before.version + 1
        super().save_model(request, obj, form, change)
