from django.urls import path

from ecm.casenotes import views

app_name = "casenotes"

# Included under children/<int:child_id>/notes/.
urlpatterns = [
    path("", views.notes, name="index"),
    path("add/", views.note_add, name="add"),
    path("<int:note_id>/", views.note_detail, name="detail"),
    path("<int:note_id>/change/", views.note_change, name="change"),
    path("<int:note_id>/correct/", views.note_correct, name="correct"),
    path("activity/", views.activity, name="activity"),
]
