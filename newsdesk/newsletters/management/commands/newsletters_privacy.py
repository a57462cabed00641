"""Everything stored for one email address about newsletters: export it as JSON, or delete it."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from newsdesk.newsletters import services


class Command(BaseCommand):
    help = "Export (--export, JSON to stdout) or delete (--delete) a newsletter subscriber's data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--export", action="store_true")
        action.add_argument("--delete", action="store_true")

    def handle(self, *args: Any, email: str, export: bool, delete: bool, **options: Any) -> None:
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email}") from error
        if export:
            data = {"email": email, "subscriptions": services.export_for(email)}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        count = services.erase_for(email)
        self.stderr.write(f"Erased {count} subscription(s) stored for {email}.")
