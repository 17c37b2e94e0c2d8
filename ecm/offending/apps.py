from django.apps import AppConfig


class OffendingConfig(AppConfig):
    name = "ecm.offending"
    label = "offending"
