from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.urls import URLPattern, path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_original_url() -> list[URLPattern]:
    return [
        path(
            "images/<int:image_id>/original/",
            admin_views.download_original,
            name="gallery_original",
        )
    ]


@hooks.register("register_permissions")
def register_original_permission() -> QuerySet[Permission]:
    """Lets administrators give a group the right to download kept originals."""
    return Permission.objects.filter(
        content_type__app_label="gallery", codename="view_keptoriginal"
    )
