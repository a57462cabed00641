"""The named checks every comment passes before it is stored.

Each check looks at a submission and either lets it through (returns None) or returns a
`Verdict`: refuse it (the reader is told why and nothing is stored) or keep it as spam
(stored for moderators with the reason, never shown). Field validation happens before
this, in `forms.CommentForm`, so every check may trust the fields' shapes.
"""

from __future__ import annotations

import hashlib
import re
import secrets
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
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import ArticlePage
from newsdesk.lib import localformat
from newsdesk.lib.throttle import Throttle

from .models import Blocked, BlockKind, Comment
from .selectors import Rules

# v2: a token of its own for each reader, with a nonce (decision 0013).
TOKEN_SALT = "newsdesk.comments.token.v2"
SPENT_KEY = "newsdesk:comments:spent:{}"
LINK_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


class Outcome(Enum):
    REFUSE = "refuse"  # not stored; the reader may fix it and send again
    SPAM = "spam"  # stored as spam for moderators; the reader is told it awaits review
    HOLD = "hold"  # stored for moderators to decide, whatever the moderation mode


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


THROTTLE = Throttle("comments")
# Stored with each comment (and blocked by moderators): the salt must never change.
client_hash = THROTTLE.client_hash


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=TOKEN_SALT)


def make_token(article_id: int) -> str:
    """A signed, time-stamped token for one reader's comment on one article.

    Issued by its own uncached request when the reader starts writing (or with a form
    that is never cached), so its time is when this reader began, and its random nonce
    lets it be spent once."""
    return _signer().sign_object({"a": article_id, "n": secrets.token_urlsafe(12)})


@dataclass(frozen=True)
class Token:
    article_id: int
    nonce: str
    raw: str

    @property
    def spent_key(self) -> str:
        return SPENT_KEY.format(self.nonce)

    def is_spent(self) -> bool:
        return cache.get(self.spent_key) is not None

    def spend(self) -> bool:
        """Claim the token; False if it was spent before. add() is a single SET NX in
        Redis, so of two posts sent at once with one token only one gets it."""
        return cache.add(self.spent_key, 1, settings.COMMENTS_TOKEN_MAX_AGE)

    def is_younger_than(self, seconds: int) -> bool:
        try:
            _signer().unsign(self.raw, max_age=seconds)
        except signing.SignatureExpired:
            return False
        return True


def read_token(raw: str, article_id: int) -> Token | None:
    """The token if it is ours, for this article and not expired; otherwise None."""
    try:
        payload = _signer().unsign_object(raw, max_age=settings.COMMENTS_TOKEN_MAX_AGE)
    except (signing.BadSignature, ValueError):  # also SignatureExpired, or not an object
        return None
    if not isinstance(payload, dict) or payload.get("a") != article_id:
        return None
    return Token(article_id, str(payload.get("n", "")), raw)


def usable_token(raw: str, article_id: int) -> str:
    """What to put in a form shown again: the reader's own token while it can still be
    used (so time already spent on the page counts), otherwise a new one."""
    token = read_token(raw, article_id)
    if token is not None and not token.is_spent():
        return raw
    return make_token(article_id)


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


def _count(scope: str, value: str) -> int:
    return THROTTLE.count(scope, value, settings.COMMENTS_RATE_LIMIT[1])


def rate_limit(sub: Submission) -> Verdict | None:
    """Counts only posts that passed the field and token checks (it runs after them).

    Too many from one network are refused: the network is the sender's own. Too many
    with one email are held for moderators instead: anyone can type anyone's email, so
    the email must never be a way to silence its owner."""
    limit, _seconds = settings.COMMENTS_RATE_LIMIT
    if sub.client_hash and _count("client", sub.client_hash) > limit:
        return Verdict(
            Outcome.REFUSE,
            "rate_limit:client",
            _("You are sending comments too quickly. Please wait a few minutes."),
            http_status=429,
        )
    if _count("email", sub.email.lower()) > limit:
        return Verdict(
            Outcome.HOLD, "rate_limit:email", _("Thank you. Your comment awaits moderation.")
        )
    return None


def time_on_page(sub: Submission) -> Verdict | None:
    """A token of this reader's own, old enough, and spent here: once.

    A post without one (a reader without script, whose page came from a cache, or a
    script) is sent back with the text kept and a new token: one more click."""
    confirm = Verdict(
        Outcome.REFUSE,
        "token",
        _("To keep automated posts out, please press Send once more to post your comment."),
    )
    token = read_token(sub.token, sub.article.pk)
    if token is None:
        return confirm
    minimum = settings.COMMENTS_MIN_SECONDS
    if minimum > 0 and token.is_younger_than(minimum):
        # Not spent: the same token passes a moment later.
        return Verdict(
            Outcome.REFUSE,
            "too_fast",
            _("That was very quick. Please take a moment and send your comment again."),
        )
    if not token.spend():
        return confirm
    return None


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
            at_most_links(most),
        )
    return None


def at_most_links(most: int) -> str:
    """The refusal of too many links, its number in the reader's digits."""
    return localformat.digits(
        _("Please include at most %(count)d links in a comment.") % {"count": most}
    )


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


# Rate limits come after the token: posts that fail it cost nobody's allowance.
CHECKS: tuple[tuple[str, Check], ...] = (
    ("open", comments_open),
    ("time_on_page", time_on_page),
    ("rate_limit", rate_limit),
    ("honeypot", honeypot),
    ("links", links),
    ("blocklist", blocklist),
    ("duplicate", duplicate),
    ("spam_service", spam_service),
)


def run(sub: Submission) -> Verdict | None:
    """The first check that refuses or finds spam; else the first that holds the comment
    for moderators (the checks after a hold still run); else None: it may be stored."""
    held = None
    for _name, check in CHECKS:
        verdict = check(sub)
        if verdict is None:
            continue
        if verdict.outcome is not Outcome.HOLD:
            return verdict
        held = held or verdict
    return held
