from django.urls import path

from ecm.safeguarding import views

app_name = "safeguarding"

# Included under children/<int:child_id>/concerns/.
urlpatterns = [
    path("", views.concerns, name="concerns"),
    path("raise/", views.concern_raise, name="raise"),
    path("<int:concern_id>/", views.concern_detail, name="detail"),
    path("<int:concern_id>/escalate/", views.concern_escalate, name="escalate"),
    path("<int:concern_id>/respond/", views.concern_respond, name="respond"),
    path("<int:concern_id>/referrals/add/", views.referral_add, name="referral-add"),
    path(
        "<int:concern_id>/referrals/<int:referral_id>/outcome/",
        views.referral_outcome,
        name="referral-outcome",
    ),
    path("<int:concern_id>/close/", views.concern_close, name="close"),
]
