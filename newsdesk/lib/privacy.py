"""One command shape for a reader's stored data, whichever app holds it: `--email E`
with `--export` (everything stored for the address, as JSON on stdout) or `--delete`."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email


class AddressDataCommand(BaseCommand):
    """A subclass names its records (`records`, the export's key, e.g. "comments";
    `counted`, how the erased are counted, e.g. "comment(s)") and gives its app's two
    services as `export_for` and `erase_for` (`staticmethod(services.export_for)`)."""

    records: str
    counted: str

    @staticmethod
    def export_for(email: str) -> list[dict[str, Any]]:
        raise NotImplementedError

    @staticmethod
    def erase_for(email: str) -> int:
        raise NotImplementedError

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
            data = {"email": email, self.records: self.export_for(email)}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        count = self.erase_for(email)
        self.stderr.write(f"Erased {count} {self.counted} stored for {email}.")
