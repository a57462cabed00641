from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.signals import copy_for_translation_done

from . import desk, lockouts, translation, translations_view

# A copy made for translation links to its own language's pages (translation.py).
copy_for_translation_done.connect(translation.translation_started)


class TranslationsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return translations_view.may_translate(request)


@hooks.register("register_admin_urls")
def register_translations_url() -> list[URLPattern]:
    return [path("translations/", translations_view.translations, name="newsroom_translations")]


@hooks.register("register_admin_menu_item")
def register_translations_menu_item() -> MenuItem:
    return TranslationsMenuItem(
        _("Translations"),
        reverse("newsroom_translations"),
        name="translations",
        icon_name="globe",
        order=260,
    )


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return lockouts.may_unlock(request)


@hooks.register("register_admin_urls")
def register_lockouts_url() -> list[URLPattern]:
    return [path("lockouts/", lockouts.lockouts, name="newsroom_lockouts")]


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item() -> MenuItem:
    return LockoutsMenuItem(
        _("Locked-out logins"), reverse("newsroom_lockouts"), name="lockouts", icon_name="lock"
    )


@hooks.register("construct_homepage_panels")
def add_editors_desk(request: HttpRequest, panels: list) -> None:
    desk.panels_for(request, panels)
