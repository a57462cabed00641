from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

from newsdesk.core import fragments


class PeopleConfig(AppConfig):
    name = "newsdesk.people"
    label = "people"

    def ready(self) -> None:
        def forget_person(instance: Any, **kwargs: Any) -> None:
            fragments.invalidate(f"person:{instance.pk}")

        for signal in (post_save, post_delete):
            signal.connect(
                forget_person,
                sender="people.Person",
                weak=False,
                dispatch_uid=f"person-{id(signal)}",
            )
