from django.apps import AppConfig


class TrmConfig(AppConfig):
    name = "ecm.trm"
    label = "trm"
