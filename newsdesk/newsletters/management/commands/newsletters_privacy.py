"""Everything stored for one email address about newsletters: export it as JSON, or delete it."""

from __future__ import annotations

from newsdesk.lib.privacy import AddressDataCommand
from newsdesk.newsletters import services


class Command(AddressDataCommand):
    help = "Export (--export, JSON to stdout) or delete (--delete) a newsletter subscriber's data."
    records, counted = "subscriptions", "subscription(s)"
    export_for = staticmethod(services.export_for)
    erase_for = staticmethod(services.erase_for)
