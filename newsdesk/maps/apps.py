from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "newsdesk.maps"
    label = "maps"
    verbose_name = "Map"

    def ready(self) -> None:
        from . import page_side  # noqa: PLC0415, F401  (page_side: map-ui's hooks)
