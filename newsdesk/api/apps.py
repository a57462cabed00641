from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "newsdesk.api"
    label = "content_api"
