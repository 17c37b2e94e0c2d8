from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "ecm.safeguarding"
    label = "safeguarding"
