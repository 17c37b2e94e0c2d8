from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "ecm.interventions"
    label = "interventions"
