from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ecm.core"
    label = "core"
