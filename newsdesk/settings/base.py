"""Settings shared by every environment. Values that vary come from newsdesk.lib.env."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from newsdesk.lib import env

ENV = env.read()
BASE_DIR = env.PROJECT_DIR
DATA_DIR = ENV.data_dir
PACKAGE_DIR = BASE_DIR / "newsdesk"

SECRET_KEY = ENV.secret_key or "dev-only-insecure-key-set-SECRET_KEY-in-production"
DEBUG = bool(ENV.debug)
ALLOWED_HOSTS = ENV.allowed_hosts

INSTALLED_APPS = [
    # newsdesk, in dependency order: lib <- core <- content apps <- reader interaction
    # <- distribution (each imports only from apps above it)
    "newsdesk.core",
    "newsdesk.people",
    "newsdesk.articles",
    "newsdesk.topics",
    "newsdesk.home",
    "newsdesk.gallery",
    "newsdesk.maps",
    "newsdesk.live",
    "newsdesk.breaking",
    "newsdesk.analytics",
    "newsdesk.comments",
    "newsdesk.newsletters",
    "newsdesk.feeds",
    "newsdesk.sitemaps",
    "newsdesk.metadata",
    "newsdesk.search",
    "newsdesk.api",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    # The API docs page's scripts and styles, served from our own static files.
    "ninja",
    "csp",
    # Failed logins and page passwords counted, and their senders locked out (decision 0014).
    "axes",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Last: its post_migrate step grants permissions that every app above has created.
    "newsdesk.newsroom",
]

MIDDLEWARE = [
    # Answers NEWSDESK_HEALTH_PATH before any other middleware can fail or redirect.
    "newsdesk.core.health.HealthCheckMiddleware",
    # First: decides before anything reads the database whether this request may read
    # from a replica (only when DATABASE_REPLICA_URLS names some; see core.dbrouters).
    "newsdesk.core.dbrouters.PrimaryStickinessMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsdesk.core.security.ContentSecurityPolicyMiddleware",
    "newsdesk.core.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Pages it does not answer from the cache are compressed here (its own hits are
    # compressed once, when stored).
    "django.middleware.gzip.GZipMiddleware",
    "newsdesk.core.pagecache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication: turns a lockout into the "too many attempts" page.
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsdesk.core.sites.CachedSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site's design system: every public template lives in this one folder.
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "newsdesk.core.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {"default": ENV.database()}
# Read replicas (aliases in DATABASES) that newsdesk.core.dbrouters may read from; set by
# production.py from DATABASE_REPLICA_URLS. After a write, a client reads the primary for
# this many seconds: set it above the replicas' usual lag.
NEWSDESK_DATABASE_REPLICAS: list[str] = []
NEWSDESK_PRIMARY_STICKY_SECONDS = ENV.replica_sticky_seconds
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# `default` is shared by every process of the site (granian runs several): Redis when
# there is one, otherwise files under the data folder. `fragments` holds rendered parts
# of pages in each process's memory; they are checked against versions kept in
# `default` before use (see newsdesk.core.fragments), so a per-process copy is safe.
CACHES: dict[str, dict[str, Any]]
if ENV.redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ENV.redis_url,
            "KEY_PREFIX": "newsdesk",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "newsdesk.core.filecache.FileCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
CACHES["fragments"] = {
    # Local memory: Django's, each reader gets its own copy (decision 0020).
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "newsdesk-fragments",
    "OPTIONS": {"MAX_ENTRIES": 5_000},
}
# With Redis, each process follows invalidations on a Redis channel instead of reading
# the `changes` tag for every page it serves (newsdesk.core.changewatch).
NEWSDESK_WATCH_CHANGES = True
# Wagtail writes every picture size it uses to this cache on every use; in memory that
# is nearly free, where a shared cache would cost a write per picture per page. An hour
# bounds how long a size deleted elsewhere (a new focal point) can still be referred to.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "newsdesk-renditions",
    "TIMEOUT": 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}

# How many proxies in front of the site append the reader's address to X-Forwarded-For
# (newsdesk.core.clients): view counting and comment rate limits count per reader.
NEWSDESK_TRUSTED_PROXIES = ENV.trusted_proxies

# Most Viewed (newsdesk/analytics): counts go to Redis when REDIS_URL is set, otherwise to
# the database in batches of BATCH_SIZE events or every FLUSH_SECONDS.
NEWSDESK_ANALYTICS: dict[str, Any] = {
    "REDIS_URL": ENV.redis_url,
    "REDIS_PREFIX": "newsdesk:analytics",
    "BATCH_SIZE": 500,
    "FLUSH_SECONDS": 5.0,
    # Rate limit, dedupe and counting run in a thread of each worker, off the hot path;
    # the database store also writes its batches from a thread.
    "BACKGROUND": True,
    # How long a rendered Most Viewed list is reused before it is counted again.
    "LIST_SECONDS": 60,
}

# Whole pages for readers without a session (newsdesk.core.pagecache): kept until a tag
# they show changes, and at most SECONDS. Browsers keep a page MAX_AGE seconds, shared
# caches in front (CDN, Varnish; purged by tag) S_MAXAGE.
NEWSDESK_PAGE_CACHE: dict[str, Any] = {
    # PAGE_CACHE=0 turns it off, e.g. to measure what rendering costs.
    "ENABLED": ENV.page_cache,
    "SECONDS": 60 * 60,
    # 404s and permanent redirects: any publish or new redirect drops them anyway.
    "ERROR_SECONDS": 5 * 60,
    "MAX_AGE": 30,
    "S_MAXAGE": 60 * 60,
    "STALE_WHILE_REVALIDATE": 30,
    # Present only for people who logged in (or opened a password-protected page). Only
    # a cookie in the format of a session key that names an existing session bypasses.
    "BYPASS_COOKIES": ("sessionid",),
    "NEVER_PATHS": ("/admin/", "/django-admin/", "/documents/"),
    # The query parameters in a page's key are those its view or page kind declares it
    # reads (newsdesk.core.params), in their canonical form; all others are left out.
    # 200 responses of these types are kept: pages, feeds (RSS, Atom, JSON Feed), sitemaps.
    "CONTENT_TYPES": (
        "text/html",
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/xml",
    ),
    "COMPRESS_MIN_BYTES": 512,
    "BROTLI_QUALITY": 5,
    # Hits answered before Django runs (newsdesk.core.fastpath), from copies of entries
    # kept in each process's memory, up to this many bytes, for this many addresses.
    "FAST_PATH": {"LOCAL_BYTES": 64 * 1024 * 1024, "LOCAL_SIGNATURES": 50_000},
}

# Caches in front of the site, purged on publish by tag and by address (newsdesk.core.purging).
# Cloudflare (CloudflareTagBackend) and Fastly (FastlyBackend) are configured the same way;
# see docs/decisions/0007-page-cache.md.
WAGTAILFRONTENDCACHE: dict[str, dict[str, Any]] = {}
if ENV.varnish_url:
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "newsdesk.core.purging.VarnishBackend",
        "LOCATION": ENV.varnish_url,
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /health/ says "degraded" once a task has waited this long for the worker.
NEWSDESK_HEALTH_PATH = "/health/"
NEWSDESK_HEALTH_TASK_DELAY_SECONDS = 300
# The worker runs timed changes (scheduled publishing, expiry, embargoes) this often, and
# /health/ says "degraded" once one is this late (docs/publishing.md, decision 0015).
NEWSDESK_TIMED_CHANGES_SECONDS = 30
# How often an open live page first asks for new entries (live.js backs off from there,
# to 8 times as long, while nothing changes).
NEWSDESK_LIVE_POLL_SECONDS = 15
NEWSDESK_HEALTH_TIMED_CHANGES_DELAY_SECONDS = 120

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the default locale; Arabic and Persian are configured from
# the start so that translated content needs no data migration later.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic")), ("fa", _("Persian"))]
WAGTAIL_I18N_ENABLED = True
# Never make live aliases of new English pages under /ar/ and /fa/: a translation is a
# draft copy an editor starts and publishes in its own words (decision 0024).
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
# Digits and calendar of each language's dates and numbers (newsdesk.lib.localformat).
LOCAL_FORMATS = ENV.local_formats
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Original uploads kept with their metadata, when an administrator turns that on
# (newsdesk.gallery.originals): outside MEDIA_ROOT, so no public address reaches them.
ORIGINALS_ROOT = DATA_DIR / "originals"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "originals": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": ORIGINALS_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGIN_URL = "wagtailadmin_login"
# Error pages are the templates 400/403/404/500.html (Django's own handlers render them);
# a form that fails its CSRF check gets the same 403 page.
CSRF_FAILURE_VIEW = "newsdesk.core.views.csrf_failure"

# Login throttling (django-axes, decision 0014): after AXES_FAILURE_LIMIT wrong passwords
# for one account, or from one address, within AXES_COOLOFF_TIME, further attempts are
# refused, right password or not, until the time passes or an administrator unlocks them
# (Settings → Locked-out logins, or `newsdesk axes_reset_username` / `axes_reset_ip`).
# Page passwords (Wagtail's password-protected pages) count the same way (core.views).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The reader's address as the rest of the site sees it, through TRUSTED_PROXIES proxies.
AXES_CLIENT_IP_CALLABLE = "newsdesk.core.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "newsdesk.core.views.locked_out"
# Successful logins are in Wagtail's own log; axes keeps only the failures.
AXES_DISABLE_ACCESS_LOG = True

# Security headers, in every environment so that development and tests see what readers
# get. The public site allows no inline code at all (not even with nonces: whole pages are
# cached and shared between readers, and a nonce in a shared page is no secret). Video
# players come from two hosts, and only once a reader presses play (film-facade.js).
# Media may come from object storage on another host: production.py adds it.
NEWSDESK_VIDEO_FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": NEWSDESK_VIDEO_FRAME_SOURCES,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Wagtail's admin still writes inline scripts and styles, so it gets its own, looser policy
# (newsdesk.core.security); it keeps everything else the public policy forbids.
NEWSDESK_ADMIN_PATH_PREFIXES = ("/admin/",)
NEWSDESK_ADMIN_CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *NEWSDESK_VIDEO_FRAME_SOURCES],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# Browser features no page of ours uses; a video player in its frame still gets
# fullscreen and picture-in-picture, which are not listed.
NEWSDESK_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "serial=(), bluetooth=(), midi=(), browsing-topics=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Old browsers that know no frame-ancestors get DENY; the rest follow the CSP above.
X_FRAME_OPTIONS = "DENY"
# Uploaded files under MEDIA_URL (newsdesk.core.media, and deploy/ for what sits in front):
# shown as pictures, films and captions, never run as a page, even when opened directly.
NEWSDESK_MEDIA_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"
)
NEWSDESK_MEDIA_MAX_AGE = 60 * 60 * 24

# Wagtail
WAGTAIL_SITE_NAME = ENV.site_name
WAGTAILADMIN_BASE_URL = ENV.base_url
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must make no outbound requests
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Off: publishing right after a background save sent a form Wagtail had not caught up
# with (a second page, rows saved twice). Decision 0016 has the faults and their tests.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
GALLERY_VIDEO_MAX_BYTES = 200 * 1024 * 1024  # films we host; larger files belong elsewhere
# Formats whose metadata newsdesk.gallery.media can remove; the form decodes every upload.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "newsdesk.gallery.forms.SafeImageForm"
# Wagtail's database backends with per-language analysis and site search ranking (0010).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "newsdesk.search.backends"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
TAGGIT_CASE_INSENSITIVE = True

# A WebSub hub that feeds declare and that is told of every publication; none by default,
# so that nothing leaves the machine unless the operator asks for it.
NEWSDESK_WEBSUB_HUB = ENV.websub_hub

EMAIL_SUBJECT_PREFIX = f"[{ENV.site_name}] "
DEFAULT_FROM_EMAIL = ENV.default_from_email
SERVER_EMAIL = ENV.default_from_email
# Plain SMTP to any provider when EMAIL_HOST is set (README: "Sending email"); without it
# dev.py prints emails to the console.
if ENV.email_host:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = ENV.email_host
    EMAIL_PORT = ENV.email_port
    EMAIL_HOST_USER = ENV.email_user
    EMAIL_HOST_PASSWORD = ENV.email_password
    EMAIL_USE_TLS = ENV.email_security == "starttls"
    EMAIL_USE_SSL = ENV.email_security == "tls"
    EMAIL_TIMEOUT = 30

# Newsletters (newsdesk.newsletters, decision 0029): each list's issue covers the 24 hours
# before NEWSLETTERS_SEND_AT (UTC, "HH:MM"), and the worker sends it after that time.
NEWSLETTERS_SEND_AT = ENV.newsletters_send_at
NEWSLETTERS_MAX_STORIES = 30
# A confirmation link works this long; at most this many confirmation emails per address
# and list a day, and this many sign-ups per client network in this many seconds.
NEWSLETTERS_CONFIRM_MAX_AGE = 60 * 60 * 24 * 7
NEWSLETTERS_CONFIRMATIONS_PER_DAY = 3
NEWSLETTERS_RATE_LIMIT = (5, 10 * 60)
# An issue whose sending failed (the mail server away) is tried again after this long,
# at most this many times.
NEWSLETTERS_RETRY_SECONDS = 10 * 60
NEWSLETTERS_MAX_ATTEMPTS = 5

# Reader comments (newsdesk.comments). The minimum time on the page is the signed form
# token's least age: people take longer than that to read and write, bots do not.
COMMENTS_MIN_SECONDS = 3
COMMENTS_TOKEN_MAX_AGE = 60 * 60 * 24
COMMENTS_MAX_LENGTH = 3000
# At most this many comments per client network, and per email, in this many seconds.
COMMENTS_RATE_LIMIT = (5, 10 * 60)
COMMENTS_DUPLICATE_SECONDS = 60 * 60 * 24
# An Akismet-compatible comment-check address (with its key in it), off when empty.
COMMENTS_SPAM_SERVICE_URL = ENV.comments_spam_service_url
COMMENTS_SPAM_SERVICE_TIMEOUT = 3

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
