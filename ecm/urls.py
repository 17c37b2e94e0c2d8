from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, reverse


@login_not_required
def _admin_sign_in(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """System administrators sign in like everyone else: password, then second factor."""
    return redirect_to_login(request.GET.get("next", "/"), reverse("accounts:sign-in"))


admin.site.login = _admin_sign_in  # type: ignore[method-assign]

urlpatterns = [
    path("", include("ecm.core.urls")),
    path("", include("ecm.accounts.urls")),
    path("children/", include("ecm.children.urls")),
    path("children/<int:child_id>/consent/", include("ecm.consent.urls")),
    path("children/<int:child_id>/offending/", include("ecm.offending.urls")),
    path("children/<int:child_id>/needs/", include("ecm.needs.urls")),
    path("children/<int:child_id>/timeline/", include("ecm.timeline.urls")),
    path("children/<int:child_id>/voice/", include("ecm.voice.urls")),
    path("children/<int:child_id>/development/", include("ecm.development.urls")),
    path("children/<int:child_id>/appointments/", include("ecm.appointments.urls")),
    path("children/<int:child_id>/compliance/", include("ecm.compliance.urls")),
    path("appointments/", include("ecm.appointments.top_urls")),
    path("children/<int:child_id>/notes/", include("ecm.casenotes.urls")),
    path("children/<int:child_id>/concerns/", include("ecm.safeguarding.urls")),
    path("children/<int:child_id>/transitions/", include("ecm.transitions.urls")),
    path("children/<int:child_id>/formulation/", include("ecm.formulation.urls")),
    path("children/<int:child_id>/plan/", include("ecm.plans.urls")),
    path("safeguarding/", include("ecm.safeguarding.top_urls")),
    path("service/", include("ecm.organisations.urls")),
    path("access-log/", include("ecm.audit.urls")),
    path("ecm/", include("ecm.episodes.urls")),
    path("service/eligibility/", include("ecm.eligibility.urls")),
    path("meetings/", include("ecm.meetings.urls")),
    path("service/trm/", include("ecm.trm.urls")),
    path("service/interventions/", include("ecm.interventions.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler400 = "ecm.core.views.bad_request"
handler403 = "ecm.core.views.forbidden"
handler404 = "ecm.core.views.not_found"
handler500 = "ecm.core.views.server_error"
