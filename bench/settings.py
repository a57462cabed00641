"""Settings for bench/beacon.py: the dev settings with a trivial view beside the site and
Redis keys of their own, so that a benchmark never touches the site's counts."""

from newsdesk.settings.dev import *  # noqa: F403
from newsdesk.settings.dev import NEWSDESK_ANALYTICS

# Each request comes from another address in X-Forwarded-For: many readers, one machine.
# (The site reads the reader's address through core.clients, with this setting; a key of
# NEWSDESK_ANALYTICS named it once, and a run with that key alone rate-limited every
# beacon as one reader's: 30 of 400 counted.)
NEWSDESK_TRUSTED_PROXIES = 1

ROOT_URLCONF = "bench.urls"
DEBUG = False
NEWSDESK_ANALYTICS = {
    **NEWSDESK_ANALYTICS,
    "REDIS_PREFIX": "newsdesk-bench:analytics",
}
