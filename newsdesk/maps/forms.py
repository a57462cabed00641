"""Newsroom forms: the event form with its location picker, imports and area uploads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from . import geojson, services
from .models import Event
from .validation import validate_color

LEAFLET = "newsdesk/vendor/leaflet/"


class LocationPickerInput(forms.NumberInput):
    """The latitude box, followed by a map to click and a gazetteer search (with script).

    Without script the two number boxes still work: the map is an enhancement only."""

    template_name = "maps_admin/location_picker.html"

    class Media:
        css = {"all": [LEAFLET + "leaflet.css", "maps_admin/location-picker.css"]}
        js = [
            LEAFLET + "leaflet.js",
            "newsdesk/vendor/topojson-client/topojson-client.min.js",
            "maps_admin/location-picker.js",
        ]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["places_url"] = reverse("maps_places")
        return context


class EventForm(WagtailAdminModelForm):
    """Reporters record and correct events; a change by someone who may not verify sends a
    verified event back to "reported", so that nothing unchecked stays public."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "latitude" in self.fields:
            self.fields["latitude"].widget = LocationPickerInput(attrs={"step": "any"})
        if "longitude" in self.fields:
            self.fields["longitude"].widget = forms.NumberInput(attrs={"step": "any"})

    def save(self, commit: bool = True) -> Event:
        event: Event = self.instance
        user = getattr(self, "for_user", None)
        changed = self.has_changed() or any(
            formset.has_changed() for formset in getattr(self, "formsets", {}).values()
        )
        if (
            event.pk
            and event.status == Event.Status.VERIFIED
            and changed
            and not services.may_verify(user)
        ):
            event.status = Event.Status.REPORTED
            event.verified_by = None
            event.verified_at = None
        return super().save(commit=commit)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV with a header row, or a GeoJSON FeatureCollection.")
    )
    dry_run = forms.BooleanField(
        label=_("Check only (dry run)"),
        required=False,
        initial=True,
        help_text=_("Report what is wrong without importing anything."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > geojson.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.")
                % {"mb": geojson.MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        name = upload.name.lower()
        if not name.endswith((".csv", ".geojson", ".json")):
            raise forms.ValidationError(_("Upload a .csv, .geojson or .json file."))
        return upload


class AreaUploadForm(forms.Form):
    file = forms.FileField(
        label=_("GeoJSON file"),
        help_text=_(
            "A FeatureCollection of Polygon or MultiPolygon features. Properties party, "
            "party_ar, party_fa, color, valid_from, valid_until and source, where present, "
            "override the values below."
        ),
    )
    party = forms.CharField(label=_("Party (English)"), max_length=120, required=False)
    party_ar = forms.CharField(label=_("Party (Arabic)"), max_length=120, required=False)
    party_fa = forms.CharField(label=_("Party (Persian)"), max_length=120, required=False)
    color = forms.CharField(
        label=_("Colour"), max_length=7, required=False, help_text=_("As #rrggbb.")
    )
    # Required, but may come from the file instead (each feature's valid_from): say so.
    valid_from = forms.DateTimeField(
        label=_("Valid from"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Required, unless every feature in the file has a valid_from property."),
    )
    valid_until = forms.DateTimeField(
        label=_("Valid until"), required=False, widget=AdminDateTimeInput
    )
    source_note = forms.CharField(label=_("Source"), max_length=300, required=False)

    def clean_color(self) -> str:
        color: str = self.cleaned_data["color"]
        if color:
            validate_color(color)
        return color

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > geojson.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.")
                % {"mb": geojson.MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload
