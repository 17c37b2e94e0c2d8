from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "ecm.plans"
    label = "plans"
