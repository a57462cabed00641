"""Publish N article pages under a blog index, the way an editor would (revisions included)."""

import datetime

from blog.models import BlogIndexPage, BlogPage
from django.core.management.base import BaseCommand
from wagtail.models import Page, Site

PARAGRAPH = (
    "<p>Officials met again on {day} to discuss the river, the dam and the farms downstream; "
    "residents said the water had not reached the southern villages for weeks, and traders "
    "reported that prices in the market had doubled since the spring.</p>"
)


class Command(BaseCommand):
    help = "Publish N article pages under /blog/."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=200)

    def handle(self, *args, **options):
        home = Site.objects.get(is_default_site=True).root_page
        index = BlogIndexPage.objects.first()
        if index is None:
            index = home.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
            index.save_revision().publish()
        start = BlogPage.objects.count()
        for n in range(start, options["articles"]):
            day = datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300)
            page = BlogPage(
                title=f"Story number {n} from the region",
                slug=f"story-{n}",
                date=day,
                intro=f"The short summary of story {n}.",
                body="".join(PARAGRAPH.format(day=day) for _ in range(8)),
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        self.stdout.write(f"{Page.objects.type(BlogPage).count()} articles")
