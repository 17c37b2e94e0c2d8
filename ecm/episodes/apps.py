from django.apps import AppConfig


class EpisodesConfig(AppConfig):
    name = "ecm.episodes"
    label = "episodes"
