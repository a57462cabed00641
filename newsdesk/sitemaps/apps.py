from django.apps import AppConfig


class SitemapsConfig(AppConfig):
    name = "newsdesk.sitemaps"
    # "sitemaps" is django.contrib.sitemaps' label.
    label = "newsdesk_sitemaps"
