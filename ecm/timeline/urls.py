from django.urls import path

from ecm.timeline import edit_views, views

app_name = "timeline"

# Included under children/<int:child_id>/timeline/.
urlpatterns = [
    path("", views.timeline, name="list"),
    path("drawn/", views.drawn, name="drawn"),
    path("drawn/pdf/", views.drawn_pdf, name="pdf"),
    path("review/", views.review, name="review"),
    path("events/add/", edit_views.event_add, name="add"),
    path("events/add-several/", edit_views.events_add, name="add-several"),
    path("events/<int:event_id>/change/", edit_views.event_change, name="change"),
    path("events/<int:event_id>/history/", views.history, name="history"),
    path("events/<int:event_id>/accept/", edit_views.event_accept, name="accept"),
    path("events/<int:event_id>/merge/", edit_views.event_merge, name="merge"),
]
