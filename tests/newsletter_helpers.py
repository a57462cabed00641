"""Shared steps of the newsletter tests: a site in a second language, and reading links
out of the emails that Django's test outbox holds."""

from __future__ import annotations

import re

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from wagtail.models import Locale

from newsdesk.articles.models import ArticlePage, SectionPage
from tests import factories

LINK = re.compile(r"https?://[^\s<>\"]+")


def translated_section(news: SectionPage, language: str) -> SectionPage:
    """The home page and `news` in `language`, published: that language's site."""
    locale = Locale.objects.get(language_code=language)
    home = news.get_parent().specific
    home.copy_for_translation(locale).save_revision().publish()
    section = news.copy_for_translation(locale)
    section.save_revision().publish()
    return SectionPage.objects.get(pk=section.pk)


def translated_article(article: ArticlePage, language: str, title: str) -> ArticlePage:
    translated = article.copy_for_translation(Locale.objects.get(language_code=language))
    translated.title = title
    translated.save_revision().publish()
    return ArticlePage.objects.get(pk=translated.pk)


def links_in(message: EmailMultiAlternatives) -> list[str]:
    return LINK.findall(str(message.body))


def confirm_link(index: int = -1) -> str:
    message = mail.outbox[index]
    return next(link for link in links_in(message) if "/newsletters/confirm/" in link)


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def html_part(message: EmailMultiAlternatives) -> str:
    return next(str(content) for content, kind in message.alternatives if kind == "text/html")


def article_in(news: SectionPage, title: str, **fields: object) -> ArticlePage:
    return factories.make_article(news, title, **fields)
