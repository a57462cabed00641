"""`newsdesk demo`: build the demo site once, and (re)set the demo logins every time."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.core.sites import point_default_site_at
from newsdesk.newsroom.demo import site
from newsdesk.newsroom.demo.accounts import DemoAccount, ensure_demo_accounts
from newsdesk.newsroom.demo.newsroom_day import run_ticker


def accounts_table(accounts: tuple[DemoAccount, ...]) -> list[str]:
    rows = [("role", "username", "password")]
    rows += [(account.role, account.username, account.password) for account in accounts]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    return [
        "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


class Command(BaseCommand):
    help = "Build demo content once (deterministic for a seed) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=500, help="how many articles")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same site")

    def handle(self, *args: Any, articles: int, seed: int, **options: Any) -> None:
        if articles < 0:
            raise CommandError("--articles must be 0 or more.")
        if site.has_content():
            count = site.article_count()
            self.stdout.write(f"Kept the existing content ({count:,} articles); nothing rebuilt.")
        else:
            self.stdout.write(f"Building the demo site: {articles:,} articles, seed {seed}.")
            summary = site.build_demo_site(articles, seed, log=self.stdout.write)
            minutes, seconds = divmod(round(summary.seconds), 60)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Built {summary.articles:,} articles in {minutes} min {seconds} s."
                )
            )
        # Every absolute address (canonical, feeds, sitemaps) names the site as BASE_URL does.
        point_default_site_at(settings.WAGTAILADMIN_BASE_URL)
        run_ticker()  # it expires: started again by every run
        self._print_accounts(ensure_demo_accounts())

    def _print_accounts(self, accounts: tuple[DemoAccount, ...]) -> None:
        self.stdout.write(
            f"\nDemo logins for the newsroom at {settings.WAGTAILADMIN_BASE_URL}/admin/"
        )
        for line in accounts_table(accounts):
            self.stdout.write(line)
        self.stdout.write(
            self.style.WARNING(
                "These are demo passwords, printed here and public in the source code: "
                "never use them on a site that others can reach."
            )
        )
