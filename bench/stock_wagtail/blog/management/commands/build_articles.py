"""Publish articles under a blog index: newsdesk's own (--from, JSON lines written by
bench/stock_wagtail/export.py) or N generated ones, inserted in bulk.

Publishing 10,000 pages one by one through Wagtail (add_child, a revision, publish) takes
longer than the benchmark itself on a small machine; the rows it would leave are written
directly instead: the page rows with their tree paths in one bulk insert, then the
article rows. No revisions are written: serving a live page never reads them.
"""

import datetime
import json
from pathlib import Path

from blog.models import BlogIndexPage, BlogPage
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, Site

PARAGRAPH = (
    "<p>Officials met again on {day} to discuss the river, the dam and the farms downstream; "
    "residents said the water had not reached the southern villages for weeks, and traders "
    "reported that prices in the market had doubled since the spring.</p>"
)
BATCH = 1000


def generated(count):
    for n in range(count):
        day = datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300)
        yield {
            "slug": f"story-{n}",
            "title": f"Story number {n} from the region",
            "intro": f"The short summary of story {n}.",
            "date": datetime.datetime.combine(day, datetime.time(12), datetime.UTC).isoformat(),
            "body": "".join(PARAGRAPH.format(day=day) for _ in range(8)),
        }


def read(path, count):
    with Path(path).open() as lines:
        for n, line in enumerate(lines):
            if n >= count:
                return
            yield json.loads(line)


class Command(BaseCommand):
    help = "Publish articles under /blog/, in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=200)
        parser.add_argument("--from", dest="source", help="JSON lines of newsdesk's articles")

    def handle(self, *args, **options):
        home = Site.objects.get(is_default_site=True).root_page
        index = BlogIndexPage.objects.first()
        if index is None:
            index = home.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
            index.save_revision().publish()
        start = BlogPage.objects.count()
        wanted = options["articles"]
        source = read(options["source"], wanted) if options["source"] else generated(wanted)
        batch = []
        with transaction.atomic():
            for n, article in enumerate(source):
                if n < start:
                    continue
                batch.append(article)
                if len(batch) == BATCH:
                    self.insert(index, batch)
                    batch = []
            if batch:
                self.insert(index, batch)
        self.stdout.write(f"{Page.objects.type(BlogPage).count()} articles")

    def insert(self, index, articles):
        """One bulk insert of page rows (paths after the index's last child), then the
        article rows that extend them (multi-table inheritance: Django cannot bulk-create
        those)."""
        index.refresh_from_db()
        kind = ContentType.objects.get_for_model(BlogPage)
        now = timezone.now()
        pages = []
        for step, article in enumerate(articles, start=index.numchild + 1):
            published = datetime.datetime.fromisoformat(article["date"])
            pages.append(
                Page(
                    title=article["title"],
                    draft_title=article["title"],
                    slug=article["slug"],
                    path=Page._get_path(index.path, index.depth + 1, step),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{article['slug']}/",
                    content_type=kind,
                    locale_id=index.locale_id,
                    live=True,
                    first_published_at=published,
                    last_published_at=published,
                    latest_revision_created_at=now,
                )
            )
        pages = Page.objects.bulk_create(pages)
        rows = [
            (page.pk, datetime.datetime.fromisoformat(a["date"]).date(), a["intro"], a["body"])
            for page, a in zip(pages, articles, strict=True)
        ]
        table = BlogPage._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (page_ptr_id, date, intro, body) VALUES (%s, %s, %s, %s)",
                rows,
            )
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
