from typing import Any

from django.core.management.base import BaseCommand

from newsdesk.maps import gazetteer
from newsdesk.maps.models import Place


class Command(BaseCommand):
    help = "Load or refresh the gazetteer of places shipped with the map (migrations load it too)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = gazetteer.load(Place)
        self.stdout.write(f"{count} places loaded.")
