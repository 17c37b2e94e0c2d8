from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ecm.accounts.models import User


@admin.register(User)
class ECMUserAdmin(UserAdmin):  # type: ignore[type-arg]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("ECM", {"fields": ("full_name", "language", "is_demo")}),
    )
