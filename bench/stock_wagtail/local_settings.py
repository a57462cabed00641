# Copied to settings/local.py of the generated project: served like production, on loopback.
import os

from .base import DATABASES, INSTALLED_APPS, STORAGES

SECRET_KEY = "stock-wagtail-benchmark-only"
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["blog", *INSTALLED_APPS]
# The article page links two static files by name; hashing them changes nothing measured.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
DATABASES["default"]["NAME"] = os.environ.get("STOCK_WAGTAIL_DB", DATABASES["default"]["NAME"])
