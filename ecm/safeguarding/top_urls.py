from django.urls import path

from ecm.safeguarding import views

app_name = "concerns"

# Included under safeguarding/: pages that belong to no one child.
urlpatterns = [
    path("", views.open_concerns, name="open"),
]
