from django.urls import path

from ecm.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("language/<str:code>/", views.switch_language, name="language"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("ping", views.ping, name="ping"),
    path("health", views.health, name="health"),
]
