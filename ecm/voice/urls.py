from django.urls import path

from ecm.voice import views

app_name = "voice"

urlpatterns = [
    path("", views.voice_index, name="index"),
    path("record/", views.voice_record, name="record"),
    path("<int:record_id>/", views.voice_version, name="version"),
]
