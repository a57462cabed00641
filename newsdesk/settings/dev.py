"""The embedded default: SQLite under var/, everything on one machine.

DEBUG stays off (base.py) unless DEBUG=1 is set: `make demo` and `newsdesk serve` are what
readers see, and they get the site's own error pages, never Django's debug page with the
site's URL patterns and settings (decision 0014). Developers who want it set DEBUG=1.
"""

from .base import *  # noqa: F403
from .base import ENV, STORAGES

if not ENV.email_host:  # with EMAIL_HOST, SMTP (base.py)
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo serves its own static files through whitenoise; no manifest needed while editing CSS.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
