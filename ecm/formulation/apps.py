from django.apps import AppConfig


class FormulationConfig(AppConfig):
    name = "ecm.formulation"
    label = "formulation"
