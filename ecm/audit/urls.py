from django.urls import path

from ecm.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.children, name="children"),
    path("<int:child_id>/", views.child_log, name="child-log"),
]
