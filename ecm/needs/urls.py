from django.urls import path

from ecm.needs import views

app_name = "needs"

# Included under children/<int:child_id>/needs/.
urlpatterns = [
    path("", views.summary, name="summary"),
    path("change/", views.change, name="change"),
]
