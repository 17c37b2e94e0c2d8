from django.urls import path

from ecm.plans import views

app_name = "plans"

# Included under children/<int:child_id>/plan/.
urlpatterns = [
    path("", views.plan, name="plan"),
    path("create/", views.create, name="create"),
    path("items/<int:item_id>/", views.item, name="item"),
    path("tier-reviewed/", views.seen, name="seen"),
    path("my-plan/<str:audience>/<str:language>/", views.my_plan, name="my-plan"),
    path("my-plan/<str:audience>/<str:language>/print/", views.my_plan_print, name="my-plan-print"),
    path("my-plan/<str:audience>/<str:language>/pdf/", views.my_plan_pdf, name="my-plan-pdf"),
]
