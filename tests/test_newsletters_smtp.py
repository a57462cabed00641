"""End to end through a real SMTP server: `newsdesk worker` (its clock and its task queue,
no cron, nothing run by hand) sends the confirmation and then the day's issue over plain
SMTP, each once, whoever restarts the worker."""

from __future__ import annotations

import email
import email.policy
import subprocess
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from .commands import NEWSDESK, newsdesk_env
from .test_serve import _free_port

# Starts processes of its own: once per CI pass (see .ci/run).
pytestmark = pytest.mark.servers

REPO = Path(__file__).resolve().parent.parent
READER = "reader@example.org"
BASE_URL = "https://news.example.org"

SUBSCRIBE = f"""
from newsdesk.newsletters import selectors, services
from tests import factories
home = factories.make_home()
factories.make_section(home, "News")
chosen = selectors.parse_list("digest", "en")
services.subscribe(services.SignUp("{READER}", chosen, "192.0.2.1"))
"""

# The reader opened the link and pressed Confirm a day ago; a story of the period is out.
CONFIRM = """
from datetime import timedelta
from django.utils import timezone
from newsdesk.articles.models import SectionPage
from newsdesk.newsletters import links, periods, services
from newsdesk.newsletters.models import Subscription
from tests import factories
subscription = links.read_confirm_token("{token}")
assert subscription is not None
services.confirm(subscription)
period = periods.latest(timezone.now())
Subscription.objects.filter(pk=subscription.pk).update(confirmed_at=period.start)
news = SectionPage.objects.get(slug="news")
factories.make_article(news, "Harbour reopens", published_at=period.end - timedelta(hours=1))
"""


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def test_the_worker_sends_the_confirmation_and_the_issue_over_smtp_once(
    inbox: tuple[Inbox, int], new_data_dir: Callable[[], Path]
) -> None:
    handler, port = inbox
    env = {
        **newsdesk_env(new_data_dir()),
        "PYTHONPATH": str(REPO),
        "BASE_URL": BASE_URL,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_SECURITY": "none",
        "DEFAULT_FROM_EMAIL": "news@example.org",
    }
    env.pop("REDIS_URL", None)

    def run(*args: str) -> None:
        subprocess.run([NEWSDESK, *args], env=env, check=True, timeout=300, cwd=REPO)

    def work() -> None:  # the worker: one tick of its clock, then every queued task
        run("worker", "--batch", "--no-reload", "--no-startup-delay", "-v0")

    run("shell", "-c", SUBSCRIBE)
    assert handler.messages == []  # the reader's request never waits for the mail server
    work()

    [(to, confirmation)] = handler.messages
    assert to == [READER]
    text = confirmation.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    link = next(word for word in text.split() if "/newsletters/confirm/" in word)
    assert link.startswith(f"{BASE_URL}/newsletters/confirm/")

    run("shell", "-c", CONFIRM.format(token=link.rstrip("/").rsplit("/", 1)[1]))
    work()
    work()  # a restarted worker sends nothing twice

    assert len(handler.messages) == 2
    to, issue = handler.messages[1]
    assert to == [READER]
    assert issue.get_content_type() == "multipart/alternative"
    plain = issue.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = issue.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "Harbour reopens" in plain and "Harbour reopens" in html
    # A long header is folded on the way (RFC 5322); the value is the same once unfolded.
    unsubscribe = str(issue["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith(f"<{BASE_URL}/newsletters/unsubscribe/")
    assert issue["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
