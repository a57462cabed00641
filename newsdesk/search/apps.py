from django.apps import AppConfig
from wagtail.signals import page_published


class SearchConfig(AppConfig):
    """The readers' site search (the admin's search is Wagtail's own)."""

    name = "newsdesk.search"
    label = "site_search"

    def ready(self) -> None:
        # Declares to core.invalidation which kept rankings a page's change makes stale
        # (models are importable only once the apps are ready).
        from . import rankings  # noqa: PLC0415

        for model in rankings.INDEXED_AT_ONCE:
            page_published.connect(
                rankings.index_at_once, sender=model, weak=False, dispatch_uid="search-at-once"
            )
