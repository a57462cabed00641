"""Newsletters: a reader subscribes (double opt-in), confirms, is sent the day's stories by
the worker's tick once per period, and unsubscribes in one click; bad input is a clear 4xx
in the site's design; the form keeps the pages it sits on in the page cache."""

from __future__ import annotations

import json
import re
import socket
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.core import timed
from newsdesk.newsletters import links, periods, sending, services
from newsdesk.newsletters.models import Delivery, Dispatch, Kind, Status, Subscription
from newsdesk.newsletters.selectors import NewsletterList, parse_list
from newsdesk.newsroom.roles import ADMINISTRATOR, EDITOR
from newsdesk.topics.models import TopicIndexPage
from tests import factories
from tests.newsletter_helpers import (
    confirm_link,
    html_part,
    links_in,
    path_of,
    translated_article,
    translated_section,
)

pytestmark = pytest.mark.django_db

# Issues cover the 24 hours before 06:00 UTC (NEWSLETTERS_SEND_AT): at NOW, that of 1 June.
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
IN_PERIOD = NOW - timedelta(hours=8)  # 04:00 on 1 June
AFTER_PERIOD = NOW - timedelta(hours=1)  # 11:00: the next issue's
EMAIL = "reader@example.org"


@pytest.fixture(autouse=True)
def _now():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def confirmed(
    email: str = EMAIL, kind: str = Kind.DIGEST, language: str = "en", page=None, **fields
) -> Subscription:  # type: ignore[no-untyped-def]
    fields.setdefault("confirmed_at", NOW - timedelta(days=2))
    return Subscription.objects.create(
        email=email, kind=kind, language=language, page=page, status=Status.CONFIRMED, **fields
    )


def post(client: Client, address: str = "/newsletters/", **data: str):  # type: ignore[no-untyped-def]
    data.setdefault("email", EMAIL)
    data.setdefault("list", "digest")
    return client.post(address, data)


# Subscribing --------------------------------------------------------------------------


def test_the_footer_form_subscribes_to_the_digest_and_sends_only_a_confirmation(
    client: Client, news: SectionPage
) -> None:
    response = post(client)

    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    subscription = Subscription.objects.get()
    assert (subscription.list_key, subscription.status) == ("digest:en", Status.PENDING)
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    assert confirm_link().startswith("http://testserver/newsletters/confirm/")


def test_the_confirmation_has_a_plain_text_and_an_html_part_loading_nothing(
    client: Client, news: SectionPage
) -> None:
    post(client)

    message = mail.outbox[0]
    html = html_part(message)
    assert confirm_link() in message.body and confirm_link() in html
    assert "<img" not in html and "src=" not in html and "<link" not in html


def test_nothing_is_sent_to_an_address_that_has_not_confirmed(
    client: Client, news: SectionPage
) -> None:
    factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)
    confirmed("confirmed@example.org")
    post(client)
    mail.outbox.clear()

    sending.queue_due(NOW)

    # The issue goes out, to the confirmed address alone.
    assert [m.to for m in mail.outbox] == [["confirmed@example.org"]]


def test_confirming_takes_a_press_of_the_button_not_just_opening_the_link(
    client: Client, news: SectionPage
) -> None:
    post(client)
    address = path_of(confirm_link())

    page = client.get(address)
    assert page.status_code == 200 and Subscription.objects.get().status == Status.PENDING
    done = client.post(address)

    assert done.status_code == 200 and "You are subscribed" in done.content.decode()
    assert Subscription.objects.get().status == Status.CONFIRMED


@pytest.mark.parametrize(
    "token",
    ["nonsense", "a" * 500, "eyJzIjoxfQ:1abc:forged"],
    ids=["garbage", "too long", "forged"],
)
def test_a_bad_confirmation_link_is_a_400_in_the_sites_design(
    client: Client, news: SectionPage, token: str
) -> None:
    response = client.post(f"/newsletters/confirm/{token}/")

    assert response.status_code == 400
    assert 'class="site-footer"' in response.content.decode()


def test_a_confirmation_link_expires_after_a_week(
    client: Client, news: SectionPage, _now: time_machine.Coordinates
) -> None:
    post(client)
    address = path_of(confirm_link())
    _now.shift(timedelta(days=8))

    assert client.post(address).status_code == 400
    assert Subscription.objects.get().status == Status.PENDING


def test_an_unsubscribe_link_cannot_confirm(client: Client, news: SectionPage) -> None:
    subscription = Subscription.objects.create(email=EMAIL, kind=Kind.DIGEST, language="en")
    token = links.unsubscribe_token(subscription)

    assert client.post(f"/newsletters/confirm/{token}/").status_code == 400


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address"}, "Please check your email address"),
        ({"email": ""}, "Please check your email address"),
        ({"email": "x" * 300 + "@example.org"}, "Please check your email address"),
        ({"list": "section:12345"}, "That newsletter is not available"),
        ({"list": "section:abc"}, "That newsletter is not available"),
        ({"list": "gossip"}, "That newsletter is not available"),
        ({"list": "topic:" + "9" * 30}, "That newsletter is not available"),
    ],
    ids=[
        "bad email",
        "no email",
        "long email",
        "no such section",
        "not a number",
        "no kind",
        "huge number",
    ],
)
def test_bad_input_gets_the_form_back_with_a_400(
    client: Client, news: SectionPage, data: dict[str, str], message: str
) -> None:
    response = post(client, **data)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'class="site-footer"' in page
    assert Subscription.objects.count() == 0 and mail.outbox == []


@given(st.text(max_size=60))
@examples(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_list_value_is_a_list_or_refused_never_an_error(value: str) -> None:
    chosen = parse_list(value, "en")

    assert chosen is None or chosen.value == value


@given(st.text(max_size=300))
@examples(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_token_is_refused_never_an_error(token: str) -> None:
    # A subscription is there to be found, by its own tokens only.
    subscription = Subscription.objects.first() or confirmed()
    assert links.read_confirm_token(links.confirm_token(subscription)) == subscription
    assert links.read_unsubscribe_token(links.unsubscribe_token(subscription)) == subscription

    assert links.read_confirm_token(token) is None
    assert links.read_unsubscribe_token(token) is None


def test_a_withdrawn_section_takes_no_subscribers(client: Client, news: SectionPage) -> None:
    news.unpublish()

    assert post(client, list=f"section:{news.pk}").status_code == 400


def test_the_form_speaks_the_pages_language(client: Client, news: SectionPage) -> None:
    translated_section(news, "ar")

    response = post(client, "/ar/newsletters/", email="nope")

    assert response.status_code == 400
    assert "يُرجى التحقق من بريدك الإلكتروني" in response.content.decode()


def test_an_arabic_reader_subscribes_to_the_arabic_digest_in_arabic(
    client: Client, news: SectionPage
) -> None:
    translated_section(news, "ar")

    post(client, "/ar/newsletters/")

    assert Subscription.objects.get().list_key == "digest:ar"
    assert confirm_link().startswith("http://testserver/ar/newsletters/confirm/")
    assert "تأكيد" in mail.outbox[0].subject


ARABIC_PAGE = '<html lang="ar" dir="rtl">'


def test_the_arabic_confirmation_mail_is_arabic_right_to_left_with_addresses_under_ar(
    client: Client, news: SectionPage
) -> None:
    translated_section(news, "ar")

    post(client, "/ar/newsletters/")

    message = mail.outbox[0]
    html = html_part(message)
    assert "للتأكيد، افتح هذا الرابط واضغط «تأكيد»:" in message.body
    assert "إن لم تكن أنت، فتجاهل هذه الرسالة: لن نرسل شيئًا آخر." in message.body
    assert ARABIC_PAGE in html and "أكّد اشتراكك" in html
    addresses = links_in(message) + re.findall(r'href="([^"]+)"', html)
    assert addresses and all(a.startswith("http://testserver/ar/") for a in addresses)


@pytest.mark.parametrize(
    ("step", "words"),
    [
        ("sign-up", "تحقّق من بريدك الإلكتروني"),  # Check your email
        ("confirmation link opened", "أكّد اشتراكك"),  # Confirm your subscription
        ("confirmed", "تمّ اشتراكك"),  # You are subscribed
    ],
)
def test_an_arabic_reader_is_answered_in_arabic_at_each_step(
    client: Client, news: SectionPage, step: str, words: str
) -> None:
    translated_section(news, "ar")
    response = post(client, "/ar/newsletters/")
    if step != "sign-up":
        address = path_of(confirm_link())
        response = (
            client.get(address) if step == "confirmation link opened" else client.post(address)
        )

    html = response.content.decode()
    assert response.status_code == 200
    assert ARABIC_PAGE in html and words in html
    assert (Subscription.objects.get().status == Status.CONFIRMED) == (step == "confirmed")


def test_a_form_from_another_site_is_refused(client: Client, news: SectionPage) -> None:
    response = client.post(
        "/newsletters/",
        {"email": EMAIL, "list": "digest"},
        headers={"Origin": "https://evil.example"},
    )

    assert response.status_code == 403 and Subscription.objects.count() == 0


def test_a_filled_honeypot_is_answered_like_anyone_but_nothing_is_stored(
    client: Client, news: SectionPage
) -> None:
    response = post(client, website="http://spam.example")

    assert response.status_code == 200 and "Check your email" in response.content.decode()
    assert Subscription.objects.count() == 0 and mail.outbox == []


def test_too_many_sign_ups_from_one_network_get_a_429(
    client: Client, news: SectionPage, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.NEWSLETTERS_RATE_LIMIT = (3, 600)
    statuses = [post(client, email=f"r{n}@example.org").status_code for n in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert len(mail.outbox) == 3


def test_an_address_gets_at_most_three_confirmations_a_day_and_no_hint_why(
    client: Client, news: SectionPage, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.NEWSLETTERS_RATE_LIMIT = (100, 600)
    answers = [post(client).content for _ in range(5)]

    assert len(set(answers)) == 1
    assert len(mail.outbox) == 3


def test_a_confirmed_subscriber_signing_up_again_gets_no_email(
    client: Client, news: SectionPage
) -> None:
    confirmed()

    assert post(client).status_code == 200
    assert mail.outbox == [] and Subscription.objects.get().status == Status.CONFIRMED


def test_the_subscription_page_lists_the_digest_sections_and_topics(
    client: Client, news: SectionPage, topic_index: TopicIndexPage
) -> None:
    factories.make_topic(topic_index, "Water talks")

    page = client.get("/newsletters/").content.decode()

    assert "Daily digest" in page and "News" in page and "Water talks" in page


def test_section_and_topic_pages_carry_their_own_form(
    client: Client, news: SectionPage, topic_index: TopicIndexPage
) -> None:
    topic = factories.make_topic(topic_index, "Water talks")

    assert f'value="section:{news.pk}"' in client.get(news.url).content.decode()
    assert f'value="topic:{topic.pk}"' in client.get(topic.url).content.decode()


# Through the page cache ---------------------------------------------------------------


def test_a_page_with_the_form_stays_in_the_page_cache_and_the_same_for_every_reader(
    news: SectionPage,
) -> None:
    first = Client().get(news.url)
    second = Client().get(news.url)

    assert second["X-Cache"] == "HIT" and second.content == first.content
    assert f'value="section:{news.pk}"' in second.content.decode()


def test_a_form_from_a_cached_page_subscribes(news: SectionPage) -> None:
    reader = Client(enforce_csrf_checks=True)
    reader.get(news.url)
    cached = reader.get(news.url)
    assert cached["X-Cache"] == "HIT"

    response = reader.post(
        "/newsletters/",
        {"email": EMAIL, "list": f"section:{news.pk}"},
        headers={"Origin": "http://testserver"},
    )

    assert response.status_code == 200
    assert Subscription.objects.get().list_key == f"section:{news.pk}"


def test_the_answer_to_a_sign_up_is_never_cached(client: Client, news: SectionPage) -> None:
    response = post(client)

    assert "no-store" in response["Cache-Control"]


# Sending ------------------------------------------------------------------------------


def test_the_tick_sends_the_periods_visible_stories_with_unsubscribe_headers(
    news: SectionPage,
) -> None:
    subscription = confirmed()
    factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)
    factories.make_article(news, "Later news", published_at=AFTER_PERIOD)
    draft = factories.make_article(news, "Withdrawn story", published_at=IN_PERIOD)
    draft.unpublish()

    sending.queue_due(NOW)

    [message] = mail.outbox
    assert "Harbour reopens" in message.body and "Harbour reopens" in html_part(message)
    assert "Later news" not in message.body and "Withdrawn story" not in message.body
    unsubscribe = links.unsubscribe_url(subscription)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_every_link_in_an_issue_is_on_base_url_and_nothing_is_loaded(
    news: SectionPage, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"
    confirmed()
    article = factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)

    sending.queue_due(NOW)

    [message] = mail.outbox
    html = html_part(message)
    assert f"https://news.example.org{article.url}" in message.body
    assert all(link.startswith("https://news.example.org/") for link in links_in(message))
    assert all(
        href.startswith("https://news.example.org/") for href in re.findall(r'href="([^"]+)"', html)
    )
    assert "<img" not in html and "src=" not in html


def test_an_issue_is_sent_once_per_period_however_often_the_worker_ticks(
    news: SectionPage, _now: time_machine.Coordinates
) -> None:
    confirmed()
    factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)

    sending.queue_due(NOW)
    Dispatch.objects.update(finished_at=None, attempted_at=None)  # as if the worker died
    for task_id in Dispatch.objects.values_list("pk", flat=True):
        sending.tasks.send_dispatch.call(task_id)
    _now.shift(timedelta(hours=1))
    sending.queue_due(NOW + timedelta(hours=1))

    assert len(mail.outbox) == 1
    assert Delivery.objects.get().status == "sent"


def test_the_next_period_is_a_new_issue(news: SectionPage) -> None:
    confirmed()
    factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)
    factories.make_article(news, "Later news", published_at=AFTER_PERIOD)
    sending.queue_due(NOW)

    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        sending.queue_due(NOW + timedelta(days=1))

    assert ["Harbour reopens" in m.body for m in mail.outbox] == [True, False]
    assert "Later news" in mail.outbox[1].body


def test_a_period_without_stories_sends_nothing(news: SectionPage) -> None:
    confirmed()

    sending.queue_due(NOW)

    assert mail.outbox == []
    assert Dispatch.objects.get().finished_at is not None


def test_someone_who_confirmed_after_the_period_waits_for_the_next(news: SectionPage) -> None:
    confirmed(confirmed_at=NOW - timedelta(hours=1))
    factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)
    factories.make_article(news, "Later news", published_at=AFTER_PERIOD)

    sending.queue_due(NOW)

    assert mail.outbox == []

    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        sending.queue_due(NOW + timedelta(days=1))

    [message] = mail.outbox
    assert "Later news" in message.body and "Harbour reopens" not in message.body


def test_a_section_list_gets_only_its_sections_stories(
    news: SectionPage, analysis: SectionPage
) -> None:
    confirmed(kind=Kind.SECTION, page=analysis)
    factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)
    factories.make_article(analysis, "What the talks mean", published_at=IN_PERIOD)

    sending.queue_due(NOW)

    [message] = mail.outbox
    assert "What the talks mean" in message.body and "Harbour reopens" not in message.body
    assert "Analysis" in message.subject


def test_a_topic_list_gets_only_the_topics_stories(
    news: SectionPage, topic_index: TopicIndexPage
) -> None:
    topic = factories.make_topic(topic_index, "Water talks")
    confirmed(kind=Kind.TOPIC, page=topic)
    factories.make_article(news, "Dam deal signed", topics=[topic], published_at=IN_PERIOD)
    factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)

    sending.queue_due(NOW)

    [message] = mail.outbox
    assert "Dam deal signed" in message.body and "Harbour reopens" not in message.body


def test_each_language_gets_its_own_stories_in_its_own_words(news: SectionPage) -> None:
    arabic = translated_section(news, "ar")
    english = factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)
    translated_article(english, "ar", "إعادة فتح الميناء")
    ArticlePage.objects.filter(locale__language_code="ar").update(published_at=IN_PERIOD)
    confirmed(language="ar")

    sending.queue_due(NOW)

    [message] = mail.outbox
    assert "إعادة فتح الميناء" in message.body and "Harbour reopens" not in message.body
    assert "/ar/" in links_in(message)[0]
    assert 'dir="rtl"' in html_part(message)
    assert arabic.locale.language_code == "ar"


def test_the_worker_clock_queues_the_issues(news: SectionPage) -> None:
    confirmed()
    factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)

    timed.run_if_free("test-worker")

    assert len(mail.outbox) == 1


def test_an_issue_the_mail_server_refused_is_sent_later(
    news: SectionPage, settings, _now: time_machine.Coordinates
) -> None:  # type: ignore[no-untyped-def]
    confirmed()
    factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)
    with socket.socket() as unused:  # a port where no mail server listens
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2

    sending.queue_due(NOW)
    assert Delivery.objects.count() == 0 and Dispatch.objects.get().finished_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _now.shift(timedelta(minutes=11))
    sending.queue_due(NOW + timedelta(minutes=11))

    assert len(mail.outbox) == 1 and Dispatch.objects.get().finished_at is not None


def test_periods_end_at_the_sending_time() -> None:
    before = periods.latest(datetime(2026, 6, 1, 5, 59, tzinfo=UTC))
    after = periods.latest(datetime(2026, 6, 1, 6, 0, tzinfo=UTC))

    assert (before.day.isoformat(), after.day.isoformat()) == ("2026-05-31", "2026-06-01")
    assert after.end - after.start == timedelta(days=1)


# Unsubscribing ------------------------------------------------------------------------


def _issue_unsubscribe_link(news: SectionPage) -> str:
    factories.make_article(news, "Harbour reopens", published_at=IN_PERIOD)
    sending.queue_due(NOW)
    return mail.outbox[-1].extra_headers["List-Unsubscribe"].strip("<>")


def test_a_mail_clients_one_click_post_unsubscribes_without_login_or_csrf(
    news: SectionPage,
) -> None:
    confirmed()
    link = _issue_unsubscribe_link(news)
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        path_of(link),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert Subscription.objects.get().status == Status.UNSUBSCRIBED


def test_the_unsubscribe_link_in_the_text_asks_first(client: Client, news: SectionPage) -> None:
    confirmed()
    _issue_unsubscribe_link(news)
    link = next(link for link in links_in(mail.outbox[-1]) if "/unsubscribe/" in link)

    page = client.get(path_of(link))

    assert page.status_code == 200 and "Stop sending" in page.content.decode()
    assert Subscription.objects.get().status == Status.CONFIRMED
    client.post(path_of(link))
    assert Subscription.objects.get().status == Status.UNSUBSCRIBED


def test_nothing_more_is_sent_after_unsubscribing(news: SectionPage) -> None:
    confirmed()
    link = _issue_unsubscribe_link(news)
    Client().post(path_of(link))

    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        factories.make_article(news, "Next day", published_at=NOW + timedelta(hours=2))
        sending.queue_due(NOW + timedelta(days=1))

    assert len(mail.outbox) == 1


def test_a_forged_unsubscribe_link_is_a_400(client: Client, news: SectionPage) -> None:
    subscription = confirmed()
    other = confirmed(email="other@example.org")
    # The signature of one subscription's link over a payload naming another.
    signature = links.unsubscribe_token(subscription).rsplit(":", 1)[1]
    payload = json.dumps({"s": other.pk, "k": other.secret}, separators=(",", ":"))
    token = f"{signing.b64_encode(payload.encode()).decode()}:{signature}"

    assert client.post(f"/newsletters/unsubscribe/{token}/").status_code == 400
    assert Subscription.objects.filter(status=Status.CONFIRMED).count() == 2


def test_subscribing_again_after_unsubscribing_asks_for_confirmation_again(
    client: Client, news: SectionPage
) -> None:
    subscription = confirmed()
    services.unsubscribe(subscription)

    post(client)

    assert Subscription.objects.get().status == Status.PENDING and len(mail.outbox) == 1


# Privacy and the admin ---------------------------------------------------------------


def test_an_address_is_exported_with_its_lists_and_what_was_sent(news: SectionPage) -> None:
    confirmed(email=EMAIL)
    confirmed(email="someone@example.org")
    _issue_unsubscribe_link(news)
    out = StringIO()

    call_command("newsletters_privacy", "--email", EMAIL.upper(), "--export", stdout=out)

    data = json.loads(out.getvalue())
    [subscription] = data["subscriptions"]
    assert subscription["email"] == EMAIL and subscription["list"] == "digest:en"
    assert subscription["sent"] == [{"period": "2026-06-01", "status": "sent"}]


def test_an_address_is_erased_with_everything_sent_to_it(news: SectionPage) -> None:
    confirmed(email=EMAIL)
    confirmed(email="someone@example.org")
    _issue_unsubscribe_link(news)

    call_command("newsletters_privacy", "--email", EMAIL, "--delete", stderr=StringIO())

    assert list(Subscription.objects.values_list("email", flat=True)) == ["someone@example.org"]
    assert not Delivery.objects.filter(subscription__email=EMAIL).exists()
    assert services.export_for(EMAIL) == []


def _signed_in(group: str) -> Client:
    user = User.objects.create_user(group.lower(), f"{group.lower()}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def test_administrators_see_the_counts_of_each_list(news: SectionPage) -> None:
    confirmed(email="a@example.org")
    confirmed(email="b@example.org")
    Subscription.objects.create(email="c@example.org", kind=Kind.SECTION, page=news, language="en")

    page = _signed_in(ADMINISTRATOR).get("/admin/newsletters/lists/").content.decode()

    assert "<td>Daily digest</td><td>Daily digest</td><td>en</td><td>2</td><td>0</td>" in page
    assert "<td>News</td><td>Section</td><td>en</td><td>0</td><td>1</td>" in page


def test_administrators_list_the_subscribers(news: SectionPage) -> None:
    confirmed(email="a@example.org")

    page = _signed_in(ADMINISTRATOR).get("/admin/snippets/newsletters/subscription/")

    assert page.status_code == 200 and "a@example.org" in page.content.decode()


def test_editors_see_no_subscribers_address(news: SectionPage) -> None:
    confirmed(email="a@example.org")
    editor = _signed_in(EDITOR)

    for address in ("/admin/newsletters/lists/", "/admin/snippets/newsletters/subscription/"):
        response = editor.get(address)
        assert response.status_code in (302, 403)  # Wagtail sends them to the dashboard
        assert b"a@example.org" not in response.content


def test_a_reader_in_another_language_is_written_in_it() -> None:
    chosen = NewsletterList(Kind.DIGEST, "fa")

    with translation.override("fa"):
        assert chosen.name == "خلاصهٔ روزانه"


def test_an_administrator_may_change_a_status_but_not_the_address(news: SectionPage) -> None:
    subscription = confirmed(email="a@example.org")
    admin = _signed_in(ADMINISTRATOR)
    address = f"/admin/snippets/newsletters/subscription/edit/{subscription.pk}/"

    assert "a@example.org" in admin.get(address).content.decode()
    admin.post(address, {"status": Status.UNSUBSCRIBED, "email": "b@example.org"})

    subscription.refresh_from_db()
    assert (subscription.email, subscription.status) == ("a@example.org", Status.UNSUBSCRIBED)
