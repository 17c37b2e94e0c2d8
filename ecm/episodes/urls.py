from django.urls import path

from ecm.episodes import views

app_name = "episodes"

urlpatterns = [
    path("refer/<int:child_id>/", views.refer, name="refer"),
    path("<int:episode_id>/", views.detail, name="detail"),
    path("<int:episode_id>/screen/", views.screen, name="screen"),
    path("<int:episode_id>/move/", views.move, name="move"),
    path("<int:episode_id>/close/", views.close, name="close"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("funnel/", views.funnel, name="funnel"),
]
