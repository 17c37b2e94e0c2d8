from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "ecm.development"
    label = "development"
