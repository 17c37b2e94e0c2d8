from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "ecm.meetings"
    label = "meetings"
