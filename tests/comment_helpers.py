"""Posting comments the way a reader's browser does."""

from __future__ import annotations

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
