"""`newsdesk worker`: runs background tasks from the database queue, and the clock that
carries out timed changes (scheduled publishing, expiry, embargoes: core/timed.py)."""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from newsdesk.core import timed


class Command(DatabaseWorkerCommand):
    help = (
        "Run newsdesk's background tasks (publishing side effects, emails, indexing) "
        "and its timed changes (scheduled publishing and expiry, embargoes)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--tick",
            type=float,
            default=settings.NEWSDESK_TIMED_CHANGES_SECONDS,
            help="seconds between runs of timed changes (default: %(default)s)",
        )
        parser.add_argument(
            "--no-timed-changes",
            action="store_false",
            dest="timed_changes",
            help="do not run timed changes in this worker (another one does)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        tick = options.pop("tick")
        if options.pop("timed_changes"):
            if options["batch"]:  # one pass over the queue: one run of what is due
                timed.run_if_free(options["worker_id"])
            elif not _is_reloader_parent(options):
                timed.Clock(every=tick, holder=options["worker_id"]).start()
        super().handle(*args, **options)


def _is_reloader_parent(options: dict[str, Any]) -> bool:
    # With --reload, this process only watches files and starts the one that works.
    return bool(options["reload"]) and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
