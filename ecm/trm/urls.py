from django.urls import path

from ecm.trm import views

app_name = "trm"

# Included under service/trm/.
urlpatterns = [
    path("", views.tiers, name="tiers"),
    path("<int:tier_id>/change/", views.tier_change, name="tier-change"),
    path("children/<int:child_id>/", views.history, name="history"),
    path("children/<int:child_id>/record/", views.assess, name="assess"),
]
