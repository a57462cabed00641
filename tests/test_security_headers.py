"""Security headers on every response; a strict CSP on the public site, the admin's own."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client

from newsdesk.analytics.chart import views_per_day_svg

TEMPLATES = Path(settings.PACKAGE_DIR) / "templates"
DATA_SCRIPT = re.compile(r'type="application/(ld\+)?json"')


def policy(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    parts = (part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return {name: rest[0] if rest else "" for name, *rest in parts}


def test_it_allows_no_inline_code_on_the_public_site(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    directives = policy(client.get("/"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert directives["frame-ancestors"] == "'self'"
    assert "unsafe" not in " ".join(directives.values())


def test_it_allows_frames_only_from_the_video_players(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    directives = policy(client.get("/"))
    assert directives["frame-src"] == "https://www.youtube-nocookie.com https://player.vimeo.com"


def test_it_gives_the_admin_its_own_policy(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    directives = policy(client.get("/admin/login/"))
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"


def test_it_sends_the_other_security_headers(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/")
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_it_keeps_hsts_out_of_development(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


@pytest.mark.parametrize(
    "template", sorted(str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html"))
)
def test_it_has_no_inline_code_in_site_templates(template: str) -> None:
    source = (TEMPLATES / template).read_text()
    assert "<style" not in source
    assert not re.search(r"\sstyle=", source)
    assert not re.search(r"\son[a-z]+=", source), "inline event handler"
    for tag in re.findall(r"<script\b[^>]*>", source):
        assert "src=" in tag or DATA_SCRIPT.search(tag), tag


def test_it_styles_the_server_error_page_from_a_file() -> None:
    html = render_to_string("500.html")
    assert "<style" not in html
    assert 'rel="stylesheet" href="/static/newsdesk/css/error.css"' in html


def test_it_draws_the_admin_chart_without_a_style_element() -> None:
    days = [(datetime.date(2026, 1, day), day * 3) for day in range(1, 8)]
    svg = views_per_day_svg(days, "Views")
    assert "<svg" in svg
    assert "<style" not in svg
    assert " style=" not in svg
