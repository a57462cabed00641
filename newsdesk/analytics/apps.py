from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "newsdesk.analytics"
    label = "analytics"
    verbose_name = "Analytics"

    def ready(self) -> None:
        # These modules use models, importable only once the apps are ready.
        from newsdesk.home.blocks import register  # noqa: PLC0415

        from . import pipeline  # noqa: PLC0415
        from .blocks import MostViewedBlock  # noqa: PLC0415

        register(MostViewedBlock(), after="latest-analysis")
        pipeline.flush_on_exit()
