"""Newsroom views for the map: verify, duplicate, place search, import/export, area upload."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from newsdesk.lib.redirects import safe_next

from . import gazetteer, geojson, importers, services
from .forms import AreaUploadForm, ImportForm
from .models import Event, Place

ADD = "maps.add_event"
CHANGE = "maps.change_event"
VIEW = "maps.view_event"
ADD_AREA = "maps.add_controlarea"


def _require(request: HttpRequest, *permissions: str) -> None:
    if not any(request.user.has_perm(p) for p in permissions):
        raise PermissionDenied


def _edit_url(event: Event) -> str:
    return reverse("wagtailsnippets_maps_event:edit", args=[event.pk])


def _index_url() -> str:
    return reverse("wagtailsnippets_maps_event:list")


def set_status(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    """Confirm (GET), then verify or reject (POST): only with the verify permission."""
    if not services.may_verify(request.user):
        raise PermissionDenied
    event = get_object_or_404(Event.objects.select_related("category", "verified_by"), pk=pk)
    if request.method == "POST":
        services.set_status(event, status, request.user)
        if status == Event.Status.VERIFIED:
            messages.success(request, _("“%(title)s” is verified and public.") % {"title": event})
        else:
            messages.success(request, _("“%(title)s” is rejected.") % {"title": event})
        return redirect(safe_next(request, request.POST.get("next"), _index_url()))
    return render(
        request,
        "maps_admin/confirm_status.html",
        {"event": event, "status": status, "next": safe_next(request, request.GET.get("next"), "")},
    )


def verify(request: HttpRequest, pk: int) -> HttpResponse:
    return set_status(request, pk, Event.Status.VERIFIED)


def reject(request: HttpRequest, pk: int) -> HttpResponse:
    return set_status(request, pk, Event.Status.REJECTED)


def duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm (GET), then copy the event as a new reported one and edit the copy (POST)."""
    _require(request, ADD)
    event = get_object_or_404(Event.objects.select_related("category"), pk=pk)
    if request.method == "POST":
        copy = services.duplicate(event)
        messages.success(request, _("Copied. You are editing the copy."))
        return redirect(_edit_url(copy))
    return render(request, "maps_admin/confirm_duplicate.html", {"event": event})


@require_safe
def places(request: HttpRequest) -> JsonResponse:
    """Gazetteer search for the location picker: ?q=name in English, Arabic or Persian."""
    _require(request, ADD, CHANGE)
    query = request.GET.get("q", "")[:80]
    found = gazetteer.search(Place.objects.all(), query)
    return JsonResponse(
        {
            "places": [
                {
                    "name": place.name_en,
                    "name_ar": place.name_ar,
                    "name_fa": place.name_fa,
                    "country": place.country,
                    "lat": place.lat,
                    "lon": place.lon,
                    "population": place.population,
                }
                for place in found
            ]
        }
    )


def import_events(request: HttpRequest) -> HttpResponse:
    _require(request, ADD)
    report = None
    file_error = ""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            if upload.name.lower().endswith(".csv"):
                rows = importers.read_csv(data)
            else:
                rows = importers.read_geojson(data)
        except importers.FileError as error:
            file_error = str(error)
        else:
            report = services.import_events(
                rows, request.user, dry_run=form.cleaned_data["dry_run"]
            )
            if report.created:
                messages.success(
                    request, _("%(count)d events imported.") % {"count": report.created}
                )
                return redirect(_index_url())
    status = 400 if file_error or (report and report.errors) or form.errors else 200
    return render(
        request,
        "maps_admin/import.html",
        {"form": form, "report": report, "file_error": file_error, "columns": importers.COLUMNS},
        status=status,
    )


@require_safe
def export_events(request: HttpRequest) -> HttpResponse:
    """Every event (or those of ?status= / ?category=) in the import format."""
    _require(request, VIEW, CHANGE)
    events = Event.objects.select_related("category", "locale").prefetch_related(
        "sources", "article_links", "topic_links"
    )
    if request.GET.get("status") in Event.Status.values:
        events = events.filter(status=request.GET["status"])
    if request.GET.get("category"):
        events = events.filter(category__slug=request.GET["category"])
    values = [importers.event_values(event) for event in events.order_by("-occurred_at", "-id")]
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    if request.GET.get("format") == "geojson":
        body = {"type": "FeatureCollection", "features": [importers.feature(v) for v in values]}
        response = HttpResponse(importers.as_json(body), content_type="application/geo+json")
        response["Content-Disposition"] = f'attachment; filename="events-{stamp}.geojson"'
        return response
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(importers.COLUMNS)
    writer.writerows(importers.csv_row(v) for v in values)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="events-{stamp}.csv"'
    return response


def upload_areas(request: HttpRequest) -> HttpResponse:
    _require(request, ADD_AREA)
    problems: list[str] = []
    form = AreaUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        defaults = importers.AreaDefaults(
            party=form.cleaned_data["party"],
            party_ar=form.cleaned_data["party_ar"],
            party_fa=form.cleaned_data["party_fa"],
            color=form.cleaned_data["color"],
            valid_from=form.cleaned_data["valid_from"],
            valid_until=form.cleaned_data["valid_until"],
            source_note=form.cleaned_data["source_note"],
        )
        try:
            created = services.import_areas(form.cleaned_data["file"].read(), defaults)
        except geojson.GeoJSONError as error:
            problems = error.problems
        else:
            messages.success(
                request, _("%(count)d areas of control added.") % {"count": len(created)}
            )
            return redirect(reverse("wagtailsnippets_maps_controlarea:list"))
    status = 400 if problems or form.errors else 200
    context: dict[str, Any] = {"form": form, "problems": problems}
    return render(request, "maps_admin/upload_areas.html", context, status=status)
