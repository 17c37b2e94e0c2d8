from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "ecm.voice"
    label = "voice"
