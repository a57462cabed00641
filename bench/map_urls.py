"""The site's addresses, and a view returning the bytes the map API returned (the floor)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from newsdesk.urls import urlpatterns as site_urlpatterns

# Set by bench/map_events.py to the body of the API response it measures.
BODY = b""


def same_bytes(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BODY, content_type="application/geo+json; charset=utf-8")


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/same-bytes", same_bytes),
    *site_urlpatterns,
]
