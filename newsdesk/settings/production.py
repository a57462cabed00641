"""Production: PostgreSQL (DATABASE_URL), Redis (REDIS_URL), HTTPS, a real SECRET_KEY.

Every app server runs these settings and keeps nothing of its own on disk that another
needs: sessions and data in PostgreSQL, the shared cache in Redis, media in object storage
(MEDIA_S3_*), so that any number of them can stand behind a load balancer
(docs/scaling.md, deploy/).
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from newsdesk.lib.env import parse_database_url

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    DATABASES,
    ENV,
    NEWSDESK_ADMIN_CONTENT_SECURITY_POLICY,
    STORAGES,
)

if not ENV.secret_key:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")
SECRET_KEY = ENV.secret_key
DEBUG = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = ENV.secure_ssl_redirect
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading binds the domain and every subdomain to HTTPS in browsers for months, past
# any later change of mind: the operator opts in with SECURE_HSTS_PRELOAD=1.
SECURE_HSTS_PRELOAD = ENV.hsts_preload
SILENCED_SYSTEM_CHECKS = [] if ENV.hsts_preload else ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Read replicas: DATABASE_REPLICA_URLS=postgresql://...,postgresql://... Reads go to them
# only where that cannot show stale data (newsdesk.core.dbrouters).
for number, url in enumerate(ENV.database_replica_urls, start=1):
    # A test run against these settings uses the primary for the replicas too.
    DATABASES[f"replica_{number}"] = {**parse_database_url(url), "TEST": {"MIRROR": "default"}}
NEWSDESK_DATABASE_REPLICAS = [alias for alias in DATABASES if alias.startswith("replica_")]
if NEWSDESK_DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["newsdesk.core.dbrouters.PrimaryReplicaRouter"]


def with_media(directives: dict[str, Any], origin: str) -> dict[str, Any]:
    return {
        name: [*sources, origin] if name in ("img-src", "media-src") else sources
        for name, sources in directives.items()
    }


# Media in an S3-compatible bucket (MEDIA_S3_BUCKET and friends, newsdesk.lib.env), so
# that an upload on one app server is there for every other.
if ENV.media_s3:
    media = ENV.media_s3
    options: dict[str, Any] = {
        "bucket_name": media.bucket,
        "endpoint_url": media.endpoint_url,
        "region_name": media.region,
        "access_key": media.access_key,
        "secret_key": media.secret_key,
        "custom_domain": media.custom_domain,
        # endpoint/bucket/key: media addresses stay on the endpoint's host (see the CSP).
        "addressing_style": "path" if media.endpoint_url else None,
        # Media addresses are public and stable: no signed, expiring query strings that
        # would make every cached page point at addresses that stop working.
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": None,
    }
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {key: value for key, value in options.items() if value is not None},
        },
    }
    CONTENT_SECURITY_POLICY = {
        **CONTENT_SECURITY_POLICY,
        "DIRECTIVES": with_media(CONTENT_SECURITY_POLICY["DIRECTIVES"], media.origin()),
    }
    NEWSDESK_ADMIN_CONTENT_SECURITY_POLICY = with_media(
        NEWSDESK_ADMIN_CONTENT_SECURITY_POLICY, media.origin()
    )

# SMTP: base.py, from EMAIL_HOST and the other EMAIL_* variables (README: "Sending email").
