from django.apps import AppConfig


class MetadataConfig(AppConfig):
    """What a page says about itself to search engines and social previews."""

    name = "newsdesk.metadata"
    label = "metadata"
