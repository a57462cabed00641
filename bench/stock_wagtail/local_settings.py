# Copied to settings/local.py of the generated project: served like production, on loopback,
# on the database STOCK_DATABASE_URL names (SQLite file by default), with connections kept
# as newsdesk keeps them, and Django's default cache (local memory), as generated.
import os

import dj_database_url

from .base import BASE_DIR, INSTALLED_APPS, STORAGES

SECRET_KEY = "stock-wagtail-benchmark-only"
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["blog", *INSTALLED_APPS]
# The pages link two static files by name; hashing them changes nothing measured.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
_url = os.environ.get("STOCK_DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
# Persistent connections, as newsdesk's (newsdesk/lib/env.py): SQLite kept for the thread's
# life, PostgreSQL for 600 s.
_sqlite = _url.startswith("sqlite")
DATABASES = {"default": dj_database_url.parse(_url, conn_max_age=None if _sqlite else 600)}
