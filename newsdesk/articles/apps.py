from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from newsdesk.core import fragments


class ArticlesConfig(AppConfig):
    name = "newsdesk.articles"
    label = "articles"

    def ready(self) -> None:
        # Models are importable only once the apps are ready.
        from .listings import LATEST, forget_lists_of  # noqa: PLC0415
        from .models import ArticlePage  # noqa: PLC0415

        def forget_lists(**kwargs: Any) -> None:
            fragments.invalidate(LATEST)

        def forget_article_lists(instance: Any, **kwargs: Any) -> None:
            # Some signals send the generic page.
            forget_lists_of(instance.specific)

        def forget_tag(instance: Any, **kwargs: Any) -> None:
            fragments.invalidate(f"tag:{instance.pk}")

        def forget_deleted_article_lists(instance: ArticlePage, **kwargs: Any) -> None:
            forget_lists_of(instance, still_exists=False)

        def unindex_if_embargoed(instance: ArticlePage, **kwargs: Any) -> None:
            # Wagtail indexed the article when it was created; under embargo its words
            # (and so search suggestions) must not be found. It is indexed at publication.
            if instance.is_embargoed():
                index.remove_object(instance)

        post_save.connect(
            unindex_if_embargoed, sender=ArticlePage, weak=False, dispatch_uid="embargo-unindex"
        )
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(
                forget_article_lists,
                sender=ArticlePage,
                weak=False,
                dispatch_uid=f"latest-{id(signal)}",
            )
        post_delete.connect(
            forget_deleted_article_lists, sender=ArticlePage, weak=False, dispatch_uid="latest-del"
        )
        # A tag renamed or deleted in the admin: its page, feeds and the stories that show it.
        for signal in (post_save, post_delete):
            signal.connect(
                forget_tag, sender="taggit.Tag", weak=False, dispatch_uid=f"tag-{id(signal)}"
            )
        # Cards show their authors' names (lists show `person:<id>`; feeds and search LATEST).
        for signal in (post_save, post_delete):
            signal.connect(
                forget_lists,
                sender="people.Person",
                weak=False,
                dispatch_uid=f"latest-person-{id(signal)}",
            )
