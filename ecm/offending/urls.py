from django.urls import path

from ecm.offending import views

app_name = "offending"

# Included under children/<int:child_id>/offending/.
urlpatterns = [
    path("", views.history, name="history"),
    path("offences/add/", views.offence_add, name="offence-add"),
    path("offences/add-several/", views.offences_add, name="offences-add"),
    path("orders/add/", views.order_add, name="order-add"),
    path("orders/<int:order_id>/change/", views.order_change, name="order-change"),
]
