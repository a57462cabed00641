from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"

    def ready(self) -> None:
        # These modules use models, importable only once the apps are ready.
        from wagtail.contrib.redirects.models import Redirect  # noqa: PLC0415
        from wagtail.contrib.settings.models import BaseSiteSetting  # noqa: PLC0415
        from wagtail.models import Locale, Page, Site  # noqa: PLC0415

        from . import (  # noqa: PLC0415
            fragments,
            navigation,
            pagecache,
            publication,
            purging,
            relocation,
            routing,
            sites,
        )

        # First, so that every later receiver sees the times the publication gave.
        page_published.connect(
            publication.stamp_publication, weak=False, dispatch_uid="publication-times"
        )

        def forget_page(instance: Page, **kwargs: Any) -> None:
            # A page appeared or went: a kept 404 or redirect may now be wrong, and so may
            # a page listing its parent's children.
            fragments.invalidate(
                f"page:{instance.pk}", pagecache.ADDRESSES, *relocation.parent_list_tags(instance)
            )
            navigation.forget_if_in_menu(instance)

        def forget_saved_page(sender: type, instance: object, **kwargs: Any) -> None:
            # A draft saved, a page locked: the kept page object (routing.py) is stale.
            if isinstance(instance, Page):
                fragments.invalidate(f"page:{instance.pk}")
                forget_root_paths_of(instance)
            elif isinstance(instance, BaseSiteSetting) and not kwargs.get("created"):
                # Site settings (comment rules, feed options) show on every page; rare. A
                # new row holds the defaults pages were already rendered with.
                fragments.invalidate(fragments.STRUCTURE)

        def forget_root_paths_of(page: Page) -> None:
            # A site's root page (or a translation of it) was saved, moved or deleted: its
            # URL path may differ, as may every page URL under it. Wagtail clears its own
            # copy of the root paths on the same condition.
            if page.is_site_root():
                fragments.invalidate(sites.SITES_TAG)

        def forget_site(**kwargs: Any) -> None:
            # A site's root page, host or port changed: every page and address may differ.
            fragments.invalidate(fragments.STRUCTURE, pagecache.ADDRESSES, sites.SITES_TAG)

        def forget_locales(**kwargs: Any) -> None:
            fragments.invalidate(sites.LOCALES_TAG)

        def forget_addresses(**kwargs: Any) -> None:
            fragments.invalidate(pagecache.ADDRESSES)

        def forget_if_structural(sender: type, instance: object, **kwargs: Any) -> None:
            if isinstance(instance, Page):
                forget_page(instance)
                forget_root_paths_of(instance)
            elif isinstance(instance, Site):
                forget_site()

        for signal in (page_published, page_unpublished):
            signal.connect(forget_page, weak=False, dispatch_uid=f"site-structure-{id(signal)}")
        post_page_move.connect(
            relocation.forget_moved_page, weak=False, dispatch_uid="site-structure-move"
        )
        page_slug_changed.connect(
            relocation.forget_new_slug, weak=False, dispatch_uid="site-structure-slug"
        )
        post_delete.connect(forget_if_structural, weak=False, dispatch_uid="site-structure-del")
        post_save.connect(forget_saved_page, weak=False, dispatch_uid="page-saved")
        post_save.connect(
            forget_site, sender="wagtailcore.Site", weak=False, dispatch_uid="site-saved"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                forget_locales, sender=Locale, weak=False, dispatch_uid=f"locale-{id(signal)}"
            )
        for signal in (post_save, post_delete):
            signal.connect(
                forget_addresses, sender=Redirect, weak=False, dispatch_uid=f"redir-{id(signal)}"
            )
        fragments.invalidated.connect(
            purging.purge_tags_later, weak=False, dispatch_uid="purge-tags"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                routing.forget_restrictions,
                sender="wagtailcore.PageViewRestriction",
                weak=False,
                dispatch_uid=f"restrictions-{id(signal)}",
            )
