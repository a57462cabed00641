"""A reader subscribes with the form on a section page, confirms from the email (read from
Django's test outbox), is sent the day's stories, and unsubscribes: in English with the
email's link and its button, in Persian with a mail client's one-click POST."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from newsdesk.articles.models import SectionPage
from newsdesk.newsletters import periods, sending
from newsdesk.newsletters.models import Status, Subscription
from tests import factories
from tests.newsletter_helpers import confirm_link, links_in, path_of, translated_section

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

READER = "reader@example.org"


def subscribe_on(page: Page, section: SectionPage, button: str) -> None:
    page.goto(section.url)
    form = page.locator("form.newsletter-form").filter(
        has=page.locator(f"#newsletter-{section.pk}-email")
    )
    form.locator("input[type=email]").fill(READER)
    form.get_by_role("button", name=button).click()


def send_todays_issue(section: SectionPage, title: str) -> str:
    """What the worker's tick does once a period has ended: the issue, with its header."""
    period = periods.latest(timezone.now())
    Subscription.objects.update(confirmed_at=period.start)
    factories.make_article(section, title, published_at=period.end - timedelta(hours=1))
    sending.queue_due(timezone.now())
    return str(mail.outbox[-1].extra_headers["List-Unsubscribe"]).strip("<>")


def test_a_reader_subscribes_confirms_and_unsubscribes_in_english(
    page: Page, news: SectionPage
) -> None:
    subscribe_on(page, news, "Subscribe")
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert [m.to for m in mail.outbox] == [[READER]]

    page.goto(path_of(confirm_link()))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()
    assert Subscription.objects.get().status == Status.CONFIRMED

    send_todays_issue(news, "Harbour reopens")
    issue = mail.outbox[-1]
    assert "Harbour reopens" in issue.body
    unsubscribe = next(link for link in links_in(issue) if "/unsubscribe/" in link)
    page.goto(path_of(unsubscribe))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert Subscription.objects.get().status == Status.UNSUBSCRIBED


def test_a_reader_subscribes_and_unsubscribes_in_one_click_in_persian(
    page: Page, news: SectionPage
) -> None:
    persian = translated_section(news, "fa")

    subscribe_on(page, persian, "اشتراک")
    expect(page.get_by_role("heading", name="ایمیل خود را ببینید")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    page.goto(path_of(confirm_link()))
    page.get_by_role("button", name="تأیید").click()
    expect(page.get_by_role("heading", name="مشترک شدید")).to_be_visible()

    header_link = send_todays_issue(persian, "بازگشایی بندر")
    assert "/fa/newsletters/unsubscribe/" in header_link
    # What a mail client does with List-Unsubscribe-Post: a POST, no cookie, no token.
    answer = page.request.post(
        path_of(header_link),
        form={"List-Unsubscribe": "One-Click"},
    )
    assert answer.status == 200
    assert Subscription.objects.get().status == Status.UNSUBSCRIBED
