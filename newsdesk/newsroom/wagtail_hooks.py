from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import desk, lockouts


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
