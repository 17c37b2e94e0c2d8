from django.urls import path

from ecm.transitions import views

app_name = "transitions"

# Included under children/<int:child_id>/transitions/.
urlpatterns = [
    path("", views.index, name="index"),
    path("voluntary/start/", views.voluntary_start, name="voluntary-start"),
    path("voluntary/<int:engagement_id>/review/", views.voluntary_review, name="voluntary-review"),
    path("voluntary/<int:engagement_id>/end/", views.voluntary_end, name="voluntary-end"),
    path("plan/add/", views.plan_add, name="plan-add"),
    path("plan/change/", views.plan_change, name="plan-change"),
    path("plan/steps/add/", views.step_add, name="step-add"),
    path("plan/steps/<int:step_id>/done/", views.step_done, name="step-done"),
    path("plan/review/", views.transfer_review, name="transfer-review"),
    path("plan/handover-pack.pdf", views.handover_pack, name="handover-pack"),
]
