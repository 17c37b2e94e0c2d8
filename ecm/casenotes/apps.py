from django.apps import AppConfig


class CaseNotesConfig(AppConfig):
    name = "ecm.casenotes"
    label = "casenotes"
