from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "ecm.eligibility"
    label = "eligibility"
