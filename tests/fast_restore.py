"""A faster restore of the migrated database for tests with a serialized rollback.

Django restores what the migrations made (the root page, locales, groups, permissions and
the gazetteer's 2,615 places) after each `transaction=True, serialized_rollback=True` test
by saving the serialized objects one at a time: 0.85 s a test on SQLite, more on
PostgreSQL, for about 130 browser, Varnish, router and race tests. This loads the same
objects, in the same order and in the same transaction with the same constraint checks,
one INSERT per batch of a model instead of one per row (0.26 s). Models with parent
tables (which bulk_create cannot write), and tables that still have rows (the first such
test after the migrations, whose rows Django's restore overwrites), are saved one at a
time as Django does. Rows are
written raw, as Django's restore writes them: its signals say `raw=True`, which our
receivers ignore; bulk_create sends none.
"""

from __future__ import annotations

from io import StringIO
from itertools import groupby
from typing import Any

from django.core import serializers
from django.db import transaction
from django.db.backends.base.creation import BaseDatabaseCreation


def deserialize_in_batches(creation: BaseDatabaseCreation, data: str) -> None:
    connection = creation.connection
    objects = serializers.deserialize("json", StringIO(data), using=connection.alias)
    table_names = set()
    with transaction.atomic(using=connection.alias):
        with connection.constraint_checks_disabled():
            for model, run in groupby(objects, key=lambda found: type(found.object)):
                _restore(model, list(run), connection.alias)
                table_names.add(model._meta.db_table)
        connection.check_constraints(table_names=table_names)


def _restore(model: Any, run: list[Any], alias: str) -> None:
    if model._meta.parents or model._base_manager.using(alias).exists():
        for found in run:
            found.save(using=alias)
        return
    model._base_manager.using(alias).bulk_create([found.object for found in run])
    for found in run:
        for name, values in (found.m2m_data or {}).items():
            getattr(found.object, name).set(values)
