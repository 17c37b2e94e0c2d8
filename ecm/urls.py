from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("ecm.core.urls")),
    path("", include("ecm.accounts.urls")),
    path("children/", include("ecm.children.urls")),
    path("service/", include("ecm.organisations.urls")),
    path("access-log/", include("ecm.audit.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler400 = "ecm.core.views.bad_request"
handler403 = "ecm.core.views.forbidden"
handler404 = "ecm.core.views.not_found"
handler500 = "ecm.core.views.server_error"
