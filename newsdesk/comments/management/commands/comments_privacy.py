"""Everything stored for one email address about comments: export it as JSON, or delete it."""

from __future__ import annotations

from newsdesk.comments import services
from newsdesk.lib.privacy import AddressDataCommand


class Command(AddressDataCommand):
    help = "Export (--export, JSON to stdout) or delete (--delete) a commenter's data."
    records, counted = "comments", "comment(s)"
    export_for = staticmethod(services.export_for)
    erase_for = staticmethod(services.erase_for)
