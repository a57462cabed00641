from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save
from wagtail.search import index
from wagtail.signals import page_published


class ArticlesConfig(AppConfig):
    name = "newsdesk.articles"
    label = "articles"

    def ready(self) -> None:
        # Models are importable only once the apps are ready. (Cache invalidation is
        # declared by the models and done by newsdesk.core.invalidation.)
        from . import notes  # noqa: PLC0415
        from .models import ArticlePage  # noqa: PLC0415

        # After core's receiver, which gives the publication its times.
        page_published.connect(notes.stamp_notes, weak=False, dispatch_uid="article-notes")

        def unindex_if_embargoed(instance: ArticlePage, **kwargs: Any) -> None:
            # Wagtail indexed the article when it was created; under embargo its words
            # (and so search suggestions) must not be found. It is indexed at publication.
            if instance.is_embargoed():
                index.remove_object(instance)

        post_save.connect(
            unindex_if_embargoed, sender=ArticlePage, weak=False, dispatch_uid="embargo-unindex"
        )
