"""Guessing passwords: the newsroom login and page passwords are locked after too many
wrong ones (django-axes, decision 0014), and an administrator can unlock them."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from wagtail.models import PageViewRestriction

from newsdesk.newsroom.roles import ADMINISTRATOR, EDITOR
from tests.factories import make_article, member_of

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
LIMIT = 10


@pytest.fixture(autouse=True)
def throttling(settings):  # type: ignore[no-untyped-def]
    """Axes as production runs it (the test settings turn it off for other tests)."""
    settings.AXES_ENABLED = True


@pytest.fixture
def writer() -> User:
    return User.objects.create_user("writer", "writer@example.org", "right-password")


def _sign_in(client: Client, username: str, password: str, **extra: str):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def _guess(client: Client, username: str, times: int, **extra: str):  # type: ignore[no-untyped-def]
    response = None
    for attempt in range(times):
        response = _sign_in(client, username, f"wrong-{attempt}", **extra)
    return response


def test_it_lets_a_few_wrong_passwords_through_to_the_login_form(
    client: Client, writer: User
) -> None:
    response = _guess(client, "writer", LIMIT - 1)
    assert response.status_code == 200
    assert _sign_in(client, "writer", "right-password").status_code == 302


def test_it_locks_an_account_after_too_many_wrong_passwords(client: Client, writer: User) -> None:
    locked = _guess(client, "writer", LIMIT)
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.content.decode()
    assert "Try again in 15 minutes" in locked.content.decode()
    right = _sign_in(client, "writer", "right-password")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_locks_the_account_from_another_address_too(client: Client, writer: User) -> None:
    _guess(client, "writer", LIMIT, REMOTE_ADDR="198.51.100.1")
    response = _sign_in(client, "writer", "right-password", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429


def test_it_locks_an_address_that_tries_many_accounts(client: Client, writer: User) -> None:
    for number in range(LIMIT):
        _sign_in(client, f"someone-{number}", "guess", REMOTE_ADDR="198.51.100.7")
    response = _sign_in(client, "writer", "right-password", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert _sign_in(client, "writer", "right-password").status_code == 302


def test_it_counts_the_readers_address_behind_trusted_proxies(
    client: Client, writer: User, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.NEWSDESK_TRUSTED_PROXIES = 1
    _sign_in(client, "writer", "wrong", HTTP_X_FORWARDED_FOR="192.0.2.44", REMOTE_ADDR="10.0.0.2")
    assert AccessAttempt.objects.get().ip_address == "192.0.2.44"


def test_it_ignores_a_forwarded_address_without_trusted_proxies(
    client: Client, writer: User
) -> None:
    _sign_in(client, "writer", "wrong", HTTP_X_FORWARDED_FOR="192.0.2.44", REMOTE_ADDR="10.0.0.2")
    assert AccessAttempt.objects.get().ip_address == "10.0.0.2"


@pytest.fixture
def protected(news):  # type: ignore[no-untyped-def]
    article = make_article(news, "Members only briefing")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame"
    )
    return article, f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"


def _page_password(client: Client, action: str, article, password: str):  # type: ignore[no-untyped-def]
    return client.post(action, {"password": password, "return_url": article.url})


def test_it_opens_a_protected_page_with_its_password(client: Client, protected) -> None:  # type: ignore[no-untyped-def]
    article, action = protected
    for attempt in range(LIMIT - 1):
        assert _page_password(client, action, article, f"wrong-{attempt}").status_code == 200
    response = _page_password(client, action, article, "open-sesame")
    assert response.status_code == 302
    assert response["Location"] == article.url


def test_it_locks_a_page_password_after_too_many_wrong_ones(client: Client, protected) -> None:  # type: ignore[no-untyped-def]
    article, action = protected
    for attempt in range(LIMIT):
        response = _page_password(client, action, article, f"wrong-{attempt}")
    assert response.status_code == 429
    right = _page_password(client, action, article, "open-sesame")
    assert right.status_code == 429
    assert "Too many wrong passwords" in right.content.decode()
    assert AccessAttempt.objects.get().username == f"page-password:{article.pk}"


@pytest.mark.parametrize(
    ("prefix", "language", "direction", "heading"),
    [
        ("", "en", "ltr", "Too many wrong passwords"),
        ("/ar", "ar", "rtl", "كلمات مرور خاطئة كثيرة"),
        ("/fa", "fa", "rtl", "رمزهای نادرست بسیار"),
    ],
)
def test_it_says_why_in_the_pages_language(  # type: ignore[no-untyped-def]
    client: Client, protected, prefix: str, language: str, direction: str, heading: str
) -> None:
    article, action = protected
    for attempt in range(LIMIT):
        response = _page_password(client, f"{prefix}{action}", article, f"wrong-{attempt}")
    html = response.content.decode()
    assert response.status_code == 429
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert heading in html


def test_it_lets_an_administrator_unlock_an_account(client: Client, writer: User) -> None:
    _guess(client, "writer", LIMIT)
    admin = Client()
    admin.force_login(member_of(ADMINISTRATOR))
    listing = admin.get("/admin/lockouts/")
    assert listing.status_code == 200
    assert "writer" in listing.content.decode()
    unlocked = admin.post("/admin/lockouts/", {"username": "writer"})
    assert unlocked.status_code == 302
    assert not AccessAttempt.objects.filter(username="writer").exists()
    assert _sign_in(client, "writer", "right-password").status_code == 302


def test_it_lets_an_administrator_unlock_an_address(client: Client, writer: User) -> None:
    for number in range(LIMIT):
        _sign_in(client, f"someone-{number}", "guess", REMOTE_ADDR="198.51.100.7")
    admin = Client()
    admin.force_login(member_of(ADMINISTRATOR))
    admin.post("/admin/lockouts/", {"ip_address": "198.51.100.7"})
    response = _sign_in(client, "writer", "right-password", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_it_keeps_the_lockouts_from_editors(client: Client) -> None:
    client.force_login(member_of(EDITOR))
    response = client.get("/admin/lockouts/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "/admin/lockouts/" not in client.get("/admin/").content.decode()
