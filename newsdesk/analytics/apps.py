from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "newsdesk.analytics"
    label = "analytics"
    verbose_name = "Analytics"

    def ready(self) -> None:
        # Both modules use models, importable only once the apps are ready.
        from newsdesk.home.blocks import register  # noqa: PLC0415

        from . import stores  # noqa: PLC0415
        from .blocks import MostViewedBlock  # noqa: PLC0415

        register(MostViewedBlock(), after="latest-analysis")
        stores.flush_on_exit()
