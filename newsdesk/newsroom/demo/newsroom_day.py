"""The demo's newsroom day: a corrected article and a running breaking-news ticker."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from wagtail.models import Locale

from newsdesk.articles.models import ArticleNote, ArticlePage
from newsdesk.articles.notes import NoteKind
from newsdesk.breaking.models import Ticker

DEMO_TICKER = "Ceasefire announced in the north; talks to resume on Monday"
# Long enough to be seen after a demo starts; every `newsdesk demo` run starts it again.
TICKER_DAYS = 7


def correct_articles(now: datetime) -> None:
    """The newest English story gets a correction and an update, as an editor adds them
    (the rows publishing would write, and the update time they give)."""
    article = (
        ArticlePage.objects.visible()
        .filter(locale__language_code="en", published_at__lt=now - timedelta(hours=2))
        .order_by("-published_at")
        .first()
    )
    if article is None:
        return
    noted = article.publication_time + timedelta(hours=1)
    ArticleNote.objects.bulk_create(
        [
            ArticleNote(
                article=article,
                kind=NoteKind.CORRECTION,
                noted_at=noted,
                text="An earlier version of this article gave the wrong date for the talks.",
                sort_order=0,
            ),
            ArticleNote(
                article=article,
                kind=NoteKind.UPDATE,
                noted_at=noted + timedelta(minutes=40),
                text="This article was updated with the government's statement.",
                sort_order=1,
            ),
        ]
    )
    newest = noted + timedelta(minutes=40)
    if article.updated_at is None or article.updated_at < newest:
        ArticlePage.objects.filter(pk=article.pk).update(updated_at=newest)


def run_ticker() -> None:
    """A ticker on every English page, ending TICKER_DAYS from now."""
    locale = Locale.objects.filter(language_code="en").first()
    if locale is None:
        return
    Ticker.objects.filter(text=DEMO_TICKER).delete()
    ticker = Ticker.objects.create(
        text=DEMO_TICKER,
        locale=locale,
        live=False,
        expire_at=timezone.now() + timedelta(days=TICKER_DAYS),
    )
    ticker.save_revision().publish()
