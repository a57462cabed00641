from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The readers' site search (the admin's search is Wagtail's own)."""

    name = "newsdesk.search"
    label = "site_search"
