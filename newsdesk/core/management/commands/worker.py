"""`newsdesk worker`: runs background tasks from the database queue."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = "Run newsdesk's background tasks (publishing side effects, emails, indexing)."
