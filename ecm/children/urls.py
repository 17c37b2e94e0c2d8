from django.urls import path

from ecm.children import views

app_name = "children"

urlpatterns = [
    path("", views.child_list, name="list"),
    path("new/", views.child_new, name="new"),
    path("<int:child_id>/", views.child_detail, name="detail"),
    path("<int:child_id>/edit/", views.child_edit, name="edit"),
]
