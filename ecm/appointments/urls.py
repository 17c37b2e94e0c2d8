from django.urls import path

from ecm.appointments import views

app_name = "appointments"

# Included under children/<int:child_id>/appointments/.
urlpatterns = [
    path("", views.index, name="index"),
    path("book/", views.book, name="book"),
    path("book-regular/", views.book_series, name="book-series"),
    path("<int:appointment_id>/", views.detail, name="detail"),
    path("<int:appointment_id>/change/", views.change, name="change"),
    path("<int:appointment_id>/outcome/", views.outcome, name="outcome"),
]
