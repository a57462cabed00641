from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "newsdesk.topics"
    label = "topics"
