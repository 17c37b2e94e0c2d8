from django.urls import path

from ecm.development import views

app_name = "development"

urlpatterns = [
    path("", views.development_index, name="index"),
    path("record/", views.mapping_record, name="record"),
    path("<int:mapping_id>/", views.mapping_detail, name="mapping"),
]
