"""The site's own error pages, in the reader's language and direction (decision 0014)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error


@dataclass(frozen=True)
class Language:
    prefix: str
    code: str
    direction: str
    headings: dict[int, str]


LANGUAGES = [
    Language("", "en", "ltr", {
        400: "We could not understand that request",
        403: "You may not open this page",
        404: "We could not find that page",
        500: "Something went wrong on our side",
    }),
    Language("/ar", "ar", "rtl", {
        400: "لم نتمكن من فهم هذا الطلب",
        403: "لا يمكنك فتح هذه الصفحة",
        404: "لم نعثر على هذه الصفحة",
        500: "حدث خطأ من جهتنا",
    }),
    Language("/fa", "fa", "rtl", {
        400: "این درخواست را نفهمیدیم",
        403: "اجازهٔ باز کردن این صفحه را ندارید",
        404: "صفحه پیدا نشد",
        500: "مشکلی از سوی ما پیش آمد",
    }),
]  # fmt: skip
each_language = pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)


def _assert_site_page(response: HttpResponse, language: Language, status: int) -> None:
    html = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language.code}" dir="{language.direction}">' in html
    assert language.headings[status] in html
    assert f'action="{language.prefix}/search/"' in html
    assert f'href="{language.prefix}/"' in html
    assert "Traceback" not in html and "URLconf" not in html


@each_language
def test_it_answers_a_missing_page_with_its_own_404(
    client: Client, home, language: Language
) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"{language.prefix}/no-such-page/")
    _assert_site_page(response, language, 404)
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@each_language
def test_it_answers_a_request_for_another_host_with_its_own_400(
    client: Client, home, language: Language
) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"{language.prefix}/", HTTP_HOST="evil.example")
    _assert_site_page(response, language, 400)


@each_language
def test_it_answers_a_form_without_its_token_with_its_own_403(home, language: Language) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"{language.prefix}/", {"q": "x"})
    _assert_site_page(response, language, 403)


@pytest.mark.urls("tests.error_urls")
@each_language
def test_it_answers_a_bug_with_its_own_500(home, language: Language) -> None:  # type: ignore[no-untyped-def]
    client = Client(raise_request_exception=False)
    response = client.get(f"{language.prefix}/fail/")
    _assert_site_page(response, language, 500)


@each_language
def test_it_renders_the_500_page_without_the_database(language: Language) -> None:
    """No `db` fixture: pytest-django makes any query here an error."""
    request = RequestFactory().get(f"{language.prefix}/anything/")
    with translation.override(language.code):
        response = server_error(request)
    _assert_site_page(response, language, 500)


def test_it_keeps_problem_json_in_the_api(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/articles/?page_size=nonsense")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 400


def test_it_keeps_debug_off_in_the_demo_settings_unless_asked() -> None:
    """`make demo` runs the dev settings: without DEBUG=1 readers never see the debug page."""
    program = "import django.conf as c; import newsdesk.settings.dev as s; print(s.DEBUG)"
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    plain = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True)
    asked = subprocess.run(
        [sys.executable, "-c", program], env={**env, "DEBUG": "1"}, capture_output=True, text=True
    )
    assert (plain.stdout.strip(), asked.stdout.strip()) == ("False", "True")
