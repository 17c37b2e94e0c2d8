from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ecm.audit"
    label = "audit"
