from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class MostViewedMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return admin_views.can_see_report(request)


@hooks.register("register_admin_urls")
def register_report_url() -> list[URLPattern]:
    return [path("reports/most-viewed/", admin_views.report, name="analytics_report")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item() -> MenuItem:
    return MostViewedMenuItem(
        _("Most viewed"),
        reverse("analytics_report"),
        name="most-viewed",
        icon_name="view",
        order=650,
    )


@hooks.register("register_permissions")
def register_report_permission() -> QuerySet[Permission]:
    return Permission.objects.filter(content_type__app_label="analytics", codename="view_report")
