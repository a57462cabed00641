"""The emails: a confirmation, and a list's issue. Each has a plain-text part and an HTML
part, loads nothing (no pictures, no tracking, no styles from elsewhere), links only to
BASE_URL, and an issue carries RFC 8058 one-click unsubscribe headers.

Their templates live with the app (newsletters/templates/newsletters/email/), not with
the site's pages: mail programs read no stylesheet, so they are styled inline, which the
site's own pages never are (Content-Security-Policy, docs/security.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from newsdesk.articles.models import ArticlePage

from . import links
from .models import Subscription
from .periods import Period

RTL = {"ar", "fa"}


def _context(subscription: Subscription, **extra: Any) -> dict[str, Any]:
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": links.absolute(
            "/" if subscription.language == "en" else f"/{subscription.language}/"
        ),
        "language": subscription.language,
        "direction": "rtl" if subscription.language in RTL else "ltr",
        "list_name": subscription.list_name(),
        **extra,
    }


def _message(
    subscription: Subscription, subject: str, template: str, context: dict[str, Any]
) -> EmailMultiAlternatives:
    text = render_to_string(f"newsletters/email/{template}.txt", context)
    html = render_to_string(f"newsletters/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, None, [subscription.email])
    message.attach_alternative(html, "text/html")
    return message


def confirmation(subscription: Subscription) -> EmailMultiAlternatives:
    with translation.override(subscription.language):
        context = _context(subscription, confirm_url=links.confirm_url(subscription))
        subject = _("Please confirm your subscription: %(list)s") % {"list": context["list_name"]}
        return _message(subscription, subject, "confirm", context)


def story_url(article: ArticlePage) -> str:
    parts = article.get_url_parts()
    path = parts[2] if parts else article.url_path
    return links.absolute(path)


def issue(
    subscription: Subscription, period: Period, articles: list[ArticlePage]
) -> EmailMultiAlternatives:
    unsubscribe = links.unsubscribe_url(subscription)
    with translation.override(subscription.language):
        stories = [
            {"title": a.title, "lead": a.lead, "url": story_url(a), "published_at": a.published_at}
            for a in articles
        ]
        context = _context(
            subscription, stories=stories, period=period, unsubscribe_url=unsubscribe
        )
        subject = _("%(list)s: %(count)d stories") % {
            "list": context["list_name"],
            "count": len(stories),
        }
        message = _message(subscription, subject, "issue", context)
    message.extra_headers.update(
        {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<{subscription.list_key.replace(':', '.')}.newsletters.{_host()}>",
        }
    )
    return message


def _host() -> str:
    return settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":")[0]
