"""The site's addresses, a trivial Django view to compare the beacon with, and (for
bench/compare.py's cold renders) a view that makes this process forget everything kept."""

import functools
import gc

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.views.decorators.csrf import csrf_exempt

from newsdesk.core import fragments, routing
from newsdesk.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def trivial(request: HttpRequest) -> HttpResponse:
    """The same middleware as every request, then nothing: the floor for a Django view."""
    return HttpResponse(status=204)


@functools.cache
def _memories() -> list[functools._lru_cache_wrapper]:
    """Every function result the site remembers in this process (static URLs, validated
    search inputs, the content security policy...)."""
    return [
        item
        for item in gc.get_objects()
        # type(), not isinstance(): isinstance() would set up every lazy object met.
        if type(item) is functools._lru_cache_wrapper
        and getattr(item, "__module__", "").startswith("newsdesk")
    ]


def empty(alias: str) -> None:
    """A cache emptied. Redis: only the cache's own keys, not the whole Redis database,
    which also holds Most Viewed's counts (the readership seeded by `newsdesk demo`)."""
    cache = caches[alias]
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=cache.make_key("*"), count=1000))
    if keys:
        client.delete(*keys)


@csrf_exempt
def forget(request: HttpRequest) -> HttpResponse:
    """Everything kept emptied, as on a fresh start with an empty cache: every cache
    (the page cache, kept page parts, kept search rankings and hits, Most Viewed lists,
    picture sizes), the addresses routed and tag checks remembered in this process, and
    every remembered function result. Nothing of the database's own caches."""
    if request.method != "POST":
        return HttpResponse(status=405)
    for alias in settings.CACHES:
        empty(alias)
    fragments._checked.clear()
    routing._routes.clear()
    for memory in _memories():
        memory.cache_clear()
    return HttpResponse(status=204)


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/trivial", trivial),
    path("bench/forget", forget),
    *site_urlpatterns,
]
