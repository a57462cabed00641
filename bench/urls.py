"""The site's addresses, and a trivial Django view to compare the beacon with."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.views.decorators.csrf import csrf_exempt

from newsdesk.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def trivial(request: HttpRequest) -> HttpResponse:
    """The same middleware as every request, then nothing: the floor for a Django view."""
    return HttpResponse(status=204)


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/trivial", trivial),
    *site_urlpatterns,
]
