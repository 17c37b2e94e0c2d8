from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "ecm.compliance"
    label = "compliance"
