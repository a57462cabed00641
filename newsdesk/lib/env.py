"""Every environment variable newsdesk reads is read here, with a safe default.

Settings modules import from this module only, so one file lists the whole
configuration surface of a deployment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATA_DIR = PROJECT_DIR / "var"


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _choice(name: str, choices: tuple[str, ...]) -> str:
    """One of `choices` (the first is the default); anything else stops the start."""
    raw = (os.environ.get(name) or choices[0]).strip().lower()
    if raw not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return raw


def _time_of_day(name: str, default: str) -> str:
    """A time of day as "HH:MM" (24-hour); anything else stops the start."""
    raw = (os.environ.get(name) or default).strip()
    hours, _colon, minutes = raw.partition(":")
    if not (
        len(hours) == 2
        and len(minutes) == 2
        and hours.isascii()
        and minutes.isascii()
        and hours.isdigit()
        and minutes.isdigit()
        and int(hours) < 24
        and int(minutes) < 60
    ):
        raise ValueError(f"{name} must be a time of day as HH:MM, not {raw!r}")
    return raw


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    return items or default


@dataclass(frozen=True)
class MediaStorage:
    """An S3-compatible bucket for uploaded media (pictures, documents, films)."""

    bucket: str
    endpoint_url: str | None
    region: str | None
    access_key: str | None
    secret_key: str | None
    custom_domain: str | None  # a CDN or public host name in front of the bucket

    def origin(self) -> str:
        """The scheme and host that media addresses start with, for the CSP."""
        if self.custom_domain:
            return f"https://{self.custom_domain}"
        if self.endpoint_url:
            parts = urlsplit(self.endpoint_url)
            return f"{parts.scheme}://{parts.netloc}"
        return "https://*.amazonaws.com"  # the provider's own default hosts


def _media_storage() -> MediaStorage | None:
    bucket = os.environ.get("MEDIA_S3_BUCKET")
    if not bucket:
        return None
    return MediaStorage(
        bucket=bucket,
        endpoint_url=os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
        region=os.environ.get("MEDIA_S3_REGION") or None,
        access_key=os.environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
        secret_key=os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
        custom_domain=os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
    )


@dataclass(frozen=True)
class Environment:
    data_dir: Path
    secret_key: str | None
    debug: bool | None  # None: the settings module decides
    allowed_hosts: list[str]
    database_url: str | None
    redis_url: str | None
    base_url: str
    site_name: str
    email_host: str | None
    email_port: int
    email_user: str
    email_password: str
    default_from_email: str
    email_security: str  # starttls, tls (SMTPS, e.g. port 465) or none
    newsletters_send_at: str  # "HH:MM", UTC
    secure_ssl_redirect: bool
    web_workers: int
    web_threads: int
    trusted_proxies: int
    websub_hub: str | None
    page_cache: bool  # whole pages for anonymous readers (newsdesk.core.pagecache)
    varnish_url: str | None  # a Varnish in front, purged on publish (deploy/varnish)
    comments_spam_service_url: str | None
    database_replica_urls: list[str]
    replica_sticky_seconds: int
    hsts_preload: bool
    media_s3: MediaStorage | None
    # How dates and numbers are written per language (newsdesk.lib.localformat).
    local_formats: dict[str, dict[str, str]]

    def database(self, default_sqlite_name: str = "newsdesk.sqlite3") -> dict:
        if self.database_url:
            return parse_database_url(self.database_url)
        # SQLite creates the file but not its folder: a fresh clone has no var/ yet.
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(self.data_dir / default_sqlite_name),
            "OPTIONS": sqlite_options(),
            # Opening SQLite and setting it up (the PRAGMAs below) costs more than most
            # page views; each server thread keeps its connection.
            "CONN_MAX_AGE": None,
        }


def parse_database_url(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=600)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = sqlite_options()
    return dict(config)


def sqlite_options() -> dict:
    # WAL lets readers and the writer work at once; IMMEDIATE transactions stop
    # "database is locked" errors when two workers upgrade a read to a write.
    return {
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=5000;"
            "PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }


def read() -> Environment:
    return Environment(
        data_dir=Path(os.environ.get("NEWSDESK_DATA_DIR") or DEFAULT_DATA_DIR),
        secret_key=os.environ.get("SECRET_KEY") or None,
        debug=_bool("DEBUG", False) if os.environ.get("DEBUG") else None,
        allowed_hosts=_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"]),
        database_url=os.environ.get("DATABASE_URL") or None,
        redis_url=os.environ.get("REDIS_URL") or None,
        base_url=os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        site_name=os.environ.get("SITE_NAME", "newsdesk"),
        email_host=os.environ.get("EMAIL_HOST") or None,
        email_port=int(os.environ.get("EMAIL_PORT", "587")),
        email_user=os.environ.get("EMAIL_HOST_USER", ""),
        email_password=os.environ.get("EMAIL_HOST_PASSWORD", ""),
        default_from_email=os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost"),
        email_security=_choice("EMAIL_SECURITY", ("starttls", "tls", "none")),
        newsletters_send_at=_time_of_day("NEWSLETTERS_SEND_AT", "06:00"),
        secure_ssl_redirect=_bool("SECURE_SSL_REDIRECT", True),
        web_workers=int(os.environ.get("WEB_WORKERS", "2")),
        web_threads=int(os.environ.get("WEB_THREADS", "8")),
        trusted_proxies=int(os.environ.get("TRUSTED_PROXIES", "0")),
        websub_hub=os.environ.get("WEBSUB_HUB") or None,
        page_cache=_bool("PAGE_CACHE", True),
        varnish_url=os.environ.get("VARNISH_URL") or None,
        comments_spam_service_url=os.environ.get("COMMENTS_SPAM_SERVICE_URL") or None,
        database_replica_urls=_list("DATABASE_REPLICA_URLS", []),
        replica_sticky_seconds=int(os.environ.get("DATABASE_REPLICA_STICKY_SECONDS", "10")),
        hsts_preload=_bool("SECURE_HSTS_PRELOAD", False),
        media_s3=_media_storage(),
        local_formats={
            # latn: 0123456789 (the default); arab: Arabic-Indic ٠١٢٣٤٥٦٧٨٩.
            "ar": {"digits": _choice("ARABIC_DIGITS", ("latn", "arab"))},
            # persian: the Solar Hijri calendar (the default); gregorian.
            "fa": {"calendar": _choice("PERSIAN_CALENDAR", ("persian", "gregorian"))},
        },
    )
