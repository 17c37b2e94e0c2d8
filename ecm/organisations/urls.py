from django.urls import path

from ecm.organisations import views

app_name = "organisations"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/add/", views.person_add, name="person-add"),
    path("people/<int:membership_id>/", views.person_change, name="person-change"),
    path(
        "people/<int:membership_id>/reset-second-factor/",
        views.person_reset_mfa,
        name="person-reset-mfa",
    ),
    path("teams/", views.teams, name="teams"),
    path("teams/add/", views.team_add, name="team-add"),
    path("teams/<int:team_id>/", views.team_change, name="team-change"),
    path("agencies/add/", views.agency_add, name="agency-add"),
    path("settings/", views.service_settings, name="settings"),
    path("figures/", views.figures, name="figures"),
]
