"""The Map menu of the newsroom: events, categories, areas of control, the gazetteer."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.urls import URLPattern, path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from . import admin_views, services
from .forms import EventForm
from .models import ControlArea, Event, EventCategory, Place


class EventIndexView(IndexView):
    def get_list_more_buttons(self, instance: Event) -> list[Any]:
        buttons = list(super().get_list_more_buttons(instance))
        user = self.request.user
        here = urlencode({"next": self.request.get_full_path()})
        if services.may_verify(user) and instance.status != Event.Status.VERIFIED:
            url = reverse("maps_event_verify", args=[instance.pk])
            buttons.append(Button(_("Verify"), url=f"{url}?{here}", icon_name="check", priority=5))
        if services.may_verify(user) and instance.status == Event.Status.REPORTED:
            url = reverse("maps_event_reject", args=[instance.pk])
            buttons.append(Button(_("Reject"), url=f"{url}?{here}", icon_name="cross", priority=60))
        if user.has_perm(admin_views.ADD):
            url = reverse("maps_event_duplicate", args=[instance.pk])
            buttons.append(Button(_("Duplicate"), url=url, icon_name="copy", priority=20))
        return buttons

    @property
    def header_more_buttons(self) -> list[Any]:
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm(admin_views.ADD):
            buttons.append(
                Button(_("Import CSV or GeoJSON"), url=reverse("maps_import"), icon_name="upload")
            )
        buttons.append(
            Button(_("Export CSV"), url=reverse("maps_export"), icon_name="download", priority=30)
        )
        buttons.append(
            Button(
                _("Export GeoJSON"),
                url=reverse("maps_export") + "?format=geojson",
                icon_name="download",
                priority=31,
            )
        )
        return buttons


# The name of the edit form's "Save and verify" button (the action menu beside Save).
SAVE_AND_VERIFY = "action-verify"


class SaveAndVerifyMenuItem(ActionMenuItem):
    """Beside Save on an unverified event's form, for editors: save the changes and
    verify the event in one step, without going back to the list."""

    name = SAVE_AND_VERIFY
    label = _("Save and verify")
    icon_name = "check"
    order = 5

    def is_shown(self, context: dict[str, Any]) -> bool:
        event = context.get("instance")
        return (
            super().is_shown(context)
            and context.get("view") == "edit"
            and isinstance(event, Event)
            and event.status != Event.Status.VERIFIED
            and services.may_verify(context["request"].user)
        )


@hooks.register("register_snippet_action_menu_item")
def register_save_and_verify(model: type) -> ActionMenuItem | None:
    return SaveAndVerifyMenuItem() if model is Event else None


class EventEditView(EditView):
    @cached_property
    def verify_requested(self) -> bool:
        return (
            self.request.method == "POST"
            and SAVE_AND_VERIFY in self.request.POST
            and services.may_verify(self.request.user)
        )

    def save_instance(self) -> Event:
        event: Event = super().save_instance()
        if self.verify_requested and event.status != Event.Status.VERIFIED:
            services.set_status(event, Event.Status.VERIFIED, self.request.user)
        return event

    def get_success_message(self, instance: Event | None = None) -> str:
        if self.verify_requested:
            event = instance or self.object
            return gettext("“%(title)s” is saved, verified and public.") % {"title": event}
        return str(super().get_success_message(instance))

    @property
    def header_more_buttons(self) -> list[Any]:
        buttons = list(super().header_more_buttons)
        event, user = self.object, self.request.user
        if services.may_verify(user) and event.status != Event.Status.VERIFIED:
            url = reverse("maps_event_verify", args=[event.pk])
            buttons.append(Button(_("Verify"), url=url, icon_name="check", priority=5))
        if user.has_perm(admin_views.ADD):
            url = reverse("maps_event_duplicate", args=[event.pk])
            buttons.append(Button(_("Duplicate"), url=url, icon_name="copy", priority=20))
        return buttons


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "site"
    menu_label = _("Events")
    edit_handler = ObjectList(Event.panels, base_form_class=EventForm)
    index_view_class = EventIndexView
    edit_view_class = EventEditView
    # Our duplicate keeps sources and links and starts as reported (services.duplicate).
    copy_view_enabled = False
    list_display = [
        "title",
        "category",
        "occurred_at",
        "place_name",
        "country",
        Column("status", label=_("Verification"), accessor="get_status_display"),
        "locale",
    ]
    list_filter = ["status", "category", "occurred_at", "country", "locale"]
    list_per_page = 50
    search_fields = ["title", "description", "place_name"]
    search_backend_name = None
    ordering = ["-occurred_at", "-id"]

    def get_queryset(self, request: Any) -> QuerySet[Event]:
        return Event.objects.select_related("category", "locale")


class EventCategoryViewSet(SnippetViewSet):
    model = EventCategory
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name_en", "slug", "color", "icon", "sort_order"]
    search_fields = ["name_en", "name_ar", "name_fa", "slug"]
    search_backend_name = None


class AreaIndexView(IndexView):
    @property
    def header_more_buttons(self) -> list[Any]:
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm(admin_views.ADD_AREA):
            buttons.append(
                Button(_("Upload GeoJSON"), url=reverse("maps_upload_areas"), icon_name="upload")
            )
        return buttons


class ControlAreaViewSet(SnippetViewSet):
    model = ControlArea
    icon = "group"
    menu_label = _("Areas of control")
    index_view_class = AreaIndexView
    list_display = ["party", "color", "valid_from", "valid_until", "source_note"]
    list_filter = ["party", "valid_from"]
    search_fields = ["party", "source_note"]
    search_backend_name = None


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "globe"
    menu_label = _("Places")
    list_display = ["name_en", "name_ar", "name_fa", "country", "population"]
    list_filter = ["country"]
    search_fields = ["name_en", "name_ar", "name_fa"]
    search_backend_name = None
    list_per_page = 50
    panels_exclude = ["geonames_id"]


class MapGroup(SnippetViewSetGroup):
    items = (EventViewSet, EventCategoryViewSet, ControlAreaViewSet, PlaceViewSet)
    menu_icon = "site"
    menu_label = _("Map")
    menu_name = "map"
    menu_order = 250


register_snippet(MapGroup)


@hooks.register("register_admin_urls")
def register_map_urls() -> list[URLPattern]:
    return [
        path("map/events/<int:pk>/verify/", admin_views.verify, name="maps_event_verify"),
        path("map/events/<int:pk>/reject/", admin_views.reject, name="maps_event_reject"),
        path("map/events/<int:pk>/duplicate/", admin_views.duplicate, name="maps_event_duplicate"),
        path("map/events/import/", admin_views.import_events, name="maps_import"),
        path("map/events/export/", admin_views.export_events, name="maps_export"),
        path("map/areas/upload/", admin_views.upload_areas, name="maps_upload_areas"),
        path("map/places/", admin_views.places, name="maps_places"),
    ]


@hooks.register("register_permissions")
def register_verify_permission() -> QuerySet[Permission]:
    return Permission.objects.filter(content_type__app_label="maps", codename="verify_event")
