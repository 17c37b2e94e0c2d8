from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "ecm.timeline"
    label = "timeline"
