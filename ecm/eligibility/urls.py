from django.urls import path

from ecm.eligibility import views

app_name = "eligibility"

urlpatterns = [
    path("", views.rules, name="rules"),
    path("rule-sets/<int:rule_set_id>/", views.rule_set_detail, name="rule-set"),
    path("rule-sets/new/", views.publish, name="publish"),
]
