"""The embedded default: SQLite under var/, everything on one machine, DEBUG on."""

from .base import *  # noqa: F403
from .base import ENV, STORAGES

DEBUG = True if ENV.debug is None else ENV.debug
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo serves its own static files through whitenoise; no manifest needed while editing CSS.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
