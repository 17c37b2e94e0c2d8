from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "ecm.reminders"
    label = "reminders"
