"""Write newsdesk's live articles as JSON lines for the stock Wagtail site to publish.

    .venv/bin/python -m bench.stock_wagtail.export var/stock-articles.jsonl

Runs in newsdesk's environment (the database DATABASE_URL or NEWSDESK_DATA_DIR names).
Each line holds one article's slug, title, lead, publication date and body paragraphs
as HTML, oldest first, so that stock Wagtail serves the same words (and its search finds
the same matches) as newsdesk does for the same data set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")

import django

django.setup()

from newsdesk.articles.models import ArticlePage  # noqa: E402

BATCH = 2000


def paragraphs(body: object) -> str:
    """The body's rich-text paragraphs; stock Wagtail's page has no other blocks."""
    raw = getattr(body, "raw_data", [])
    return "".join(block["value"] for block in raw if block.get("type") == "paragraph")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    args = parser.parse_args()
    articles = ArticlePage.objects.visible().order_by("published_at", "pk")
    columns = ("pk", "slug", "title", "lead", "published_at", "body")
    seen: set[str] = set()
    with args.target.open("w") as out:
        for article in articles.only(*columns[1:]).iterator(chunk_size=BATCH):
            # One parent holds them all in stock Wagtail: slugs of other languages may repeat.
            slug = article.slug if article.slug not in seen else f"{article.slug}-{article.pk}"
            seen.add(slug)
            line = {
                "slug": slug,
                "path": article.url_path,
                "title": article.title,
                "intro": article.lead[:250],
                "date": article.published_at.isoformat(),
                "body": paragraphs(article.body),
            }
            out.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()
