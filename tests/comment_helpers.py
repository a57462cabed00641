"""Posting comments the way a reader's browser does."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.urls import reverse

from newsdesk.articles.models import ArticlePage
from newsdesk.comments import pipeline


def form_data(article: ArticlePage, **fields: Any) -> dict[str, Any]:
    data = {
        "name": "Maryam",
        "email": "maryam@example.com",
        "text": "A thoughtful comment about the story.",
        "token": pipeline.make_token(article.pk),
        "website": "",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def post(
    client: Client,
    article: ArticlePage,
    *,
    json: bool = False,
    REMOTE_ADDR: str = "127.0.0.1",  # the WSGI name, as Client.post takes it
    forwarded_for: str | None = None,
    **fields: Any,
) -> Any:
    headers = {"Accept": "application/json"} if json else {}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    return client.post(
        reverse("comments:post", args=[article.pk]),
        form_data(article, **fields),
        headers=headers,
        REMOTE_ADDR=REMOTE_ADDR,
    )


class _FormFields(HTMLParser):
    """What a browser sends for the comment form in a page: its inputs and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form" and found.get("id") == "comment-form":
            self._in_form = True
        elif self._in_form and tag == "input" and "name" in found:
            if found.get("type") != "checkbox" or "checked" in found:
                self.fields[found["name"]] = found.get("value", "")
        elif self._in_form and tag == "textarea":
            self._textarea = found["name"]
            self.fields[self._textarea] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def form_fields(html: str) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(html)
    assert parser.fields, "the page has no comment form"
    return parser.fields
