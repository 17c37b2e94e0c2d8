from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "ecm.consent"
    label = "consent"
