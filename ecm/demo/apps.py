from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ecm.demo"
    label = "demo"
