from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The readers' site search (the admin's search is Wagtail's own)."""

    name = "newsdesk.search"
    label = "site_search"

    def ready(self) -> None:
        # Declares to core.invalidation which kept rankings a page's change makes stale
        # (models are importable only once the apps are ready).
        from . import rankings  # noqa: PLC0415, F401
