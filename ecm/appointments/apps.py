from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "ecm.appointments"
    label = "appointments"
