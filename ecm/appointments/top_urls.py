from django.urls import path

from ecm.appointments import views

app_name = "outcomes"

# Included under appointments/: pages that are not about one child.
urlpatterns = [
    path("outcomes-to-record/", views.outcomes_to_record, name="to-record"),
]
