from django.apps import AppConfig


class TransitionsConfig(AppConfig):
    name = "ecm.transitions"
    label = "transitions"
