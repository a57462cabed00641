"""Settings for bench/compare.py: the dev settings served like production (no debug), with
bench/urls.py's extra views beside the site (a cold render asks the server to forget)."""

from newsdesk.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
