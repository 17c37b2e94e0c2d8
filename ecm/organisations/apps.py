from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "ecm.organisations"
    label = "organisations"
