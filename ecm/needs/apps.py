from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "ecm.needs"
    label = "needs"
