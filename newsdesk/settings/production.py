"""Production: PostgreSQL (DATABASE_URL), Redis (REDIS_URL), HTTPS, a real SECRET_KEY."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ENV

if not ENV.secret_key:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")
SECRET_KEY = ENV.secret_key
DEBUG = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = ENV.secure_ssl_redirect
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

if ENV.email_host:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = ENV.email_host
    EMAIL_PORT = ENV.email_port
    EMAIL_HOST_USER = ENV.email_user
    EMAIL_HOST_PASSWORD = ENV.email_password
    EMAIL_USE_TLS = True
