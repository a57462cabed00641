"""Settings for bench/beacon.py: the dev settings with a trivial view beside the site and
Redis keys of their own, so that a benchmark never touches the site's counts."""

from newsdesk.settings.dev import *  # noqa: F403
from newsdesk.settings.dev import NEWSDESK_ANALYTICS

ROOT_URLCONF = "bench.urls"
DEBUG = False
NEWSDESK_ANALYTICS = {
    **NEWSDESK_ANALYTICS,
    "REDIS_PREFIX": "newsdesk-bench:analytics",
    # Each request comes from another address in X-Forwarded-For: many readers, one machine.
    "TRUSTED_PROXIES": 1,
}
