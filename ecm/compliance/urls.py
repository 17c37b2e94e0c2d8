from django.urls import path

from ecm.compliance import views

app_name = "compliance"

# Included under children/<int:child_id>/compliance/.
urlpatterns = [
    path("", views.record, name="record"),
    path("follow-ups/<int:follow_up_id>/", views.follow_up, name="follow-up"),
    path("follow-ups/<int:follow_up_id>/attempt/", views.attempt, name="attempt"),
    path("follow-ups/<int:follow_up_id>/complete/", views.complete, name="complete"),
    path("follow-ups/<int:follow_up_id>/consultation/", views.consultation, name="consultation"),
    path("follow-ups/<int:follow_up_id>/decision/", views.decision, name="decision"),
    path("decisions/<int:decision_id>/sign-off/", views.sign_off, name="sign-off"),
    path(
        "decisions/<int:decision_id>/warning-letter/", views.warning_letter, name="warning-letter"
    ),
]
