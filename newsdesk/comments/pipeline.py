"""The named checks every comment passes before it is stored.

Each check looks at a submission and either lets it through (returns None) or returns a
`Verdict`: refuse it (the reader is told why and nothing is stored) or keep it as spam
(stored for moderators with the reason, never shown). Field validation happens before
this, in `forms.CommentForm`, so every check may trust the fields' shapes.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import ArticlePage

from .models import Blocked, BlockKind, Comment
from .selectors import Rules

TOKEN_SALT = "newsdesk.comments.token"
LINK_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


class Outcome(Enum):
    REFUSE = "refuse"  # not stored; the reader may fix it and send again
    SPAM = "spam"  # stored as spam for moderators; the reader is told it awaits review


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reason: str  # for moderators and logs: short and machine-readable
    message: str | Promise  # for the reader: what happened and what to do
    http_status: int = 400


@dataclass
class Submission:
    article: ArticlePage
    name: str
    email: str
    text: str
    parent: Comment | None = None
    notify_replies: bool = False
    honeypot: str = ""
    token: str = ""
    client_ip: str = ""
    user_agent: str = ""
    site_settings: Rules = field(default_factory=Rules)

    @property
    def client_hash(self) -> str:
        return client_hash(self.client_ip)


Check = Callable[[Submission], Verdict | None]


def client_hash(ip: str) -> str:
    """A salted hash of the reader's network (/24 or /64), never the address itself."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 64
    network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
    return salted_hmac("newsdesk.comments.client", str(network)).hexdigest()[:32]


def make_token(article_id: int) -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(str(article_id))


def count_links(text: str) -> int:
    return len(LINK_RE.findall(text))


# The checks, in order ---------------------------------------------------------------


def comments_open(sub: Submission) -> Verdict | None:
    closed = Verdict(
        Outcome.REFUSE, "closed", _("Comments on this article are closed."), http_status=403
    )
    if not sub.article.comments_open:
        return closed
    days = sub.site_settings.close_after_days
    if days and sub.article.publication_time < timezone.now() - timedelta(days=days):
        return closed
    return None


def rate_limit(sub: Submission) -> Verdict | None:
    limit, seconds = settings.COMMENTS_RATE_LIMIT
    for scope, value in (("client", sub.client_hash), ("email", sub.email.lower())):
        if not value:
            continue
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        key = f"newsdesk:comments:rate:{scope}:{digest}"
        cache.add(key, 0, seconds)  # starts the window; a no-op while one is open
        try:
            count = cache.incr(key)
        except ValueError:  # the window closed between add and incr
            cache.set(key, 1, seconds)
            count = 1
        if count > limit:
            return Verdict(
                Outcome.REFUSE,
                f"rate_limit:{scope}",
                _("You are sending comments too quickly. Please wait a few minutes."),
                http_status=429,
            )
    return None


def time_on_page(sub: Submission) -> Verdict | None:
    signer = signing.TimestampSigner(salt=TOKEN_SALT)
    stale = Verdict(
        Outcome.REFUSE,
        "token",
        _("This form is out of date. Please reload the page and send your comment again."),
    )
    try:
        value = signer.unsign(sub.token, max_age=settings.COMMENTS_TOKEN_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return stale
    if value != str(sub.article.pk):
        return stale
    if settings.COMMENTS_MIN_SECONDS <= 0:
        return None
    try:
        signer.unsign(sub.token, max_age=settings.COMMENTS_MIN_SECONDS)
    except signing.SignatureExpired:
        return None  # older than the minimum: a person had time to read and write
    return Verdict(
        Outcome.REFUSE,
        "too_fast",
        _("That was very quick. Please take a moment and send your comment again."),
    )


def honeypot(sub: Submission) -> Verdict | None:
    if sub.honeypot.strip():
        return Verdict(Outcome.SPAM, "honeypot", _("Thank you. Your comment awaits moderation."))
    return None


def links(sub: Submission) -> Verdict | None:
    most = sub.site_settings.max_links
    if count_links(sub.text) > most:
        return Verdict(
            Outcome.REFUSE,
            "too_many_links",
            _("Please include at most %(count)d links in a comment.") % {"count": most},
        )
    return None


def blocklist(sub: Submission) -> Verdict | None:
    entries = list(Blocked.objects.values_list("kind", "value"))
    text = f"{sub.name}\n{sub.text}".lower()
    for kind, value in entries:
        hit = (
            (kind == BlockKind.EMAIL and value == sub.email.lower())
            or (kind == BlockKind.CLIENT and sub.client_hash and value == sub.client_hash)
            or (kind == BlockKind.WORD and value and value in text)
        )
        if hit:
            return Verdict(
                Outcome.SPAM, f"blocked:{kind}", _("Thank you. Your comment awaits moderation.")
            )
    return None


def duplicate(sub: Submission) -> Verdict | None:
    """The same text from the same address on the same article: a double submit."""
    digest = hashlib.sha256(
        f"{sub.article.pk}\n{sub.email.lower()}\n{sub.text}".encode()
    ).hexdigest()
    # add() is atomic in every cache backend: of two simultaneous submits, one wins.
    first = cache.add(f"newsdesk:comments:dup:{digest}", 1, settings.COMMENTS_DUPLICATE_SECONDS)
    since = timezone.now() - timedelta(seconds=settings.COMMENTS_DUPLICATE_SECONDS)
    stored = Comment.objects.filter(
        article=sub.article, email__iexact=sub.email, text=sub.text, created_at__gte=since
    ).exists()
    if first and not stored:
        return None
    return Verdict(
        Outcome.REFUSE,
        "duplicate",
        _("We already have this comment from you; there is no need to send it again."),
        http_status=409,
    )


def spam_service(sub: Submission) -> Verdict | None:
    """An Akismet-compatible service, when one is configured (off by default)."""
    url: str | None = settings.COMMENTS_SPAM_SERVICE_URL
    if not url:
        return None
    data = urllib.parse.urlencode(
        {
            "blog": settings.WAGTAILADMIN_BASE_URL,
            "user_ip": sub.client_ip,
            "user_agent": sub.user_agent,
            "permalink": sub.article.full_url or "",
            "comment_type": "comment",
            "comment_author": sub.name,
            "comment_author_email": sub.email,
            "comment_content": sub.text,
        }
    ).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    try:
        timeout = settings.COMMENTS_SPAM_SERVICE_TIMEOUT
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = response.read(64).decode(errors="replace").strip()
    except OSError:
        return None  # the service is down: moderators still see every comment
    if answer == "true":
        return Verdict(
            Outcome.SPAM, "spam_service", _("Thank you. Your comment awaits moderation.")
        )
    return None


CHECKS: tuple[tuple[str, Check], ...] = (
    ("open", comments_open),
    ("rate_limit", rate_limit),
    ("time_on_page", time_on_page),
    ("honeypot", honeypot),
    ("links", links),
    ("blocklist", blocklist),
    ("duplicate", duplicate),
    ("spam_service", spam_service),
)


def run(sub: Submission) -> Verdict | None:
    """The first check that objects, or None when the submission may be stored."""
    for _name, check in CHECKS:
        verdict = check(sub)
        if verdict is not None:
            return verdict
    return None
