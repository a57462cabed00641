"""settings/production.py resolves from the environment alone, and passes `check --deploy`.

Each case runs in a fresh interpreter: settings are read once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parent.parent
REPORT = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "storage": f"{type(default_storage).__module__}.{type(default_storage).__name__}",
    "bucket": getattr(default_storage, "bucket_name", None),
    "media_url": default_storage.url("images/a.jpg"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "databases": sorted(settings.DATABASES),
    "replica_host": settings.DATABASES.get("replica_2", {}).get("HOST"),
    "replicas": settings.NEWSDESK_DATABASE_REPLICAS,
    "routers": settings.DATABASE_ROUTERS,
    "hsts_seconds": settings.SECURE_HSTS_SECONDS,
    "hsts_preload": settings.SECURE_HSTS_PRELOAD,
}))
"""


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # Not what a deployment has: other test modules (the browser tests) set the second one.
    unset = ("MEDIA_S3_", "DJANGO_ALLOW_ASYNC_UNSAFE")
    keep = {key: value for key, value in os.environ.items() if not key.startswith(unset)}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
        "SECRET_KEY": "k" * 20 + "-production-only-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "news.example.org",
        "NEWSDESK_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgresql://news@db.internal:5432/news",
        "DATABASE_REPLICA_URLS": "",
        **extra,
    }


def report(env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", REPORT], env=env, cwd=PROJECT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    env = production_env(
        tmp_path_factory.mktemp("production"),
        DATABASE_REPLICA_URLS=(
            "postgresql://news@replica1.internal:5432/news,"
            "postgresql://news@replica2.internal:5432/news"
        ),
        MEDIA_S3_BUCKET="newsdesk-media",
        MEDIA_S3_ENDPOINT_URL="https://objects.example.net",
        MEDIA_S3_ACCESS_KEY_ID="id",
        MEDIA_S3_SECRET_ACCESS_KEY="secret",
    )
    return report(env)


def test_it_keeps_media_in_object_storage_when_a_bucket_is_named(scaled: dict[str, Any]) -> None:
    assert scaled["storage"] == "storages.backends.s3.S3Storage"
    assert scaled["bucket"] == "newsdesk-media"


def test_it_gives_media_stable_public_addresses(scaled: dict[str, Any]) -> None:
    assert scaled["media_url"] == "https://objects.example.net/newsdesk-media/images/a.jpg"


def test_it_lets_pages_show_media_from_object_storage(scaled: dict[str, Any]) -> None:
    assert scaled["img_src"] == ["'self'", "data:", "https://objects.example.net"]


def test_it_adds_a_database_alias_per_replica(scaled: dict[str, Any]) -> None:
    assert scaled["databases"] == ["default", "replica_1", "replica_2"]
    assert scaled["replica_host"] == "replica2.internal"
    assert scaled["replicas"] == ["replica_1", "replica_2"]


def test_it_routes_reads_when_there_are_replicas(scaled: dict[str, Any]) -> None:
    assert scaled["routers"] == ["newsdesk.core.dbrouters.PrimaryReplicaRouter"]


def test_it_keeps_files_and_one_database_without_those_variables(tmp_path: Path) -> None:
    plain = report(production_env(tmp_path))
    assert plain["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert plain["databases"] == ["default"]
    assert plain["routers"] == []


def test_it_sends_hsts_for_a_year_without_preload_unless_asked(tmp_path: Path) -> None:
    plain = report(production_env(tmp_path))
    assert plain["hsts_seconds"] == 60 * 60 * 24 * 365
    assert plain["hsts_preload"] is False


def test_it_passes_the_deploy_checks(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The checks ran and found nothing.
    assert "System check identified no issues" in result.stdout
