from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "ecm.children"
    label = "children"
