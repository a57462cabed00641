"""Tests run against a real database: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import os

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, ENV, NEWSDESK_ANALYTICS

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "originals": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if ENV.redis_url:
    # Each test run gets its own key space on the shared Redis server.
    CACHES["default"]["KEY_PREFIX"] = "newsdesk-test"
else:
    CACHES["default"]["LOCATION"] = str(ENV.data_dir / "test-cache")
NEWSDESK_ANALYTICS = {
    **NEWSDESK_ANALYTICS,
    "REDIS_PREFIX": "newsdesk-test:analytics",
    # Tests count at once and flush when they mean to: no thread behind their back.
    "BACKGROUND": False,
}
WAGTAILADMIN_BASE_URL = "http://testserver"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file in WAL mode, as in production, not SQLite's shared in-memory database: there
    # a second connection is locked out of every table an open transaction has written,
    # so tests of what other requests read meanwhile (tests/test_invalidation_race.py)
    # could not run.
    DATABASES["default"]["TEST"] = {"NAME": str(ENV.data_dir / "test.sqlite3")}
elif os.environ.get("NEWSDESK_TEST_DB_TEMPLATE"):
    # CI migrates one PostgreSQL database beside its checks (tools/migrated_template.py):
    # the test database is created as a copy of it, and its migrate finds nothing to do.
    DATABASES["default"]["TEST"] = {"TEMPLATE": os.environ["NEWSDESK_TEST_DB_TEMPLATE"]}
# A "replica" that is a second connection to the test database (Django's TEST MIRROR), for
# the read-replica router's tests, which install the router themselves: the rest of the
# suite reads and writes "default" only.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
# Tests that measure the minimum time on the page set it themselves.
COMMENTS_MIN_SECONDS = 0
# Login throttling is off except in the tests that turn it on (tests/test_throttling.py):
# the test client's login() authenticates without a request, which axes refuses.
AXES_ENABLED = False
