from django.urls import path

from ecm.interventions import views

app_name = "interventions"

# Included under service/interventions/.
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("add/", views.add, name="add"),
    path("<int:intervention_id>/change/", views.change, name="change"),
    path("<int:intervention_id>/offered/", views.switch, name="switch"),
]
