"""tests/fast_restore.py gives back exactly the rows that Django's own restore would."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Locale, Page

from newsdesk.maps.models import Place

from . import fast_restore

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_restores_every_migrated_row_as_it_was() -> None:
    snapshot = connection._test_serialized_contents  # type: ignore[attr-defined]
    # As Django's own tear-down empties the tables: its sequences go on from where they are
    # (the command's default would restart them, and the next test's first row would take
    # the id of a restored one).
    call_command(
        "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
    )
    assert not Place.objects.exists()

    fast_restore.deserialize_in_batches(connection.creation, snapshot)

    assert connection.creation.serialize_db_to_string() == snapshot


def test_a_serialized_rollback_uses_it() -> None:
    # What the rollback restored: the migrations' root page, locales and gazetteer.
    assert Page.objects.filter(depth=1).exists()
    assert Locale.objects.filter(language_code="en").exists()
    assert Place.objects.count() > 2000
