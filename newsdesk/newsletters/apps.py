from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsdesk.newsletters"
    label = "newsletters"
    verbose_name = _("Newsletters")

    def ready(self) -> None:
        # The worker's clock (core.timed) ticks; on each tick the due issues are queued.
        from newsdesk.core import timed  # noqa: PLC0415

        from . import sending  # noqa: PLC0415

        def queue_due(now: Any, **kwargs: Any) -> None:
            sending.queue_due(now)

        timed.ticked.connect(queue_due, weak=False, dispatch_uid="newsletters-queue-due")
