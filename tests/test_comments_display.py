"""What readers see: approved comments only, threaded, paginated, inert, and current."""

from __future__ import annotations

import json
from datetime import timedelta
from html.parser import HTMLParser
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Site

from newsdesk.articles.models import ArticlePage
from newsdesk.comments import services
from newsdesk.comments.models import Comment, CommentSettings, Status
from newsdesk.comments.templatetags.comments_tags import comment_text
from newsdesk.newsroom.roles import EDITOR

from . import factories

pytestmark = pytest.mark.django_db

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '"><iframe src="data:text/html,<script>alert(1)</script>">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",  # full-width angle brackets
    "\u202egnp.exe <b>bold</b>",
    "jav\tascript:alert(1) and java\u0000script:alert(1)",
    'http://example.com/"onmouseover="alert(1)',
    "https://example.com/<script>alert(1)</script>",
    'www.example.com?q="><img src=x onerror=alert(1)>',
    "<style>*{display:none}</style><math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def tags_in(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture
def article(news) -> ArticlePage:  # type: ignore[no-untyped-def]
    return factories.make_article(news, "Talks resume in Doha")


def page_html(client: Client, article: ArticlePage, query: str = "") -> str:
    response = client.get(f"{article.url}{query}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_it_renders_hostile_text_inert(payload: str) -> None:
    html = comment_text(payload)

    for tag, attrs in tags_in(html):
        assert tag in {"a", "br"}, f"{tag} from {payload!r}"
        for name, value in attrs:
            assert name in {"href", "rel"}, f"{name} from {payload!r}"
            if name == "href":
                assert value and value.startswith(("http://", "https://")), value


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_it_shows_hostile_comments_inert_on_the_page(
    client: Client, article: ArticlePage, payload: str
) -> None:
    # PostgreSQL cannot store NUL; the form refuses it (see test_comments_pipeline).
    stored = payload.replace("\x00", "")
    factories.make_comment(article, text=stored, name=stored[:80])

    html = page_html(client, article)

    comments = html[html.index('class="comment-list"') : html.index('id="comment-form"')]
    assert 'class="comment__text"' in comments
    assert "<script>alert" not in comments
    for tag, attrs in tags_in(comments):
        assert tag not in {"script", "img", "svg", "iframe", "style", "math"}
        assert not any(name.startswith("on") for name, _value in attrs)


def test_it_makes_web_addresses_links_for_readers_not_for_search_engines() -> None:
    html = comment_text("Read https://example.org/report now")

    assert '<a href="https://example.org/report" rel="nofollow ugc">' in html


def test_it_keeps_line_breaks() -> None:
    assert comment_text("one\ntwo\r\nthree") == "one<br>two<br>three"


def test_it_does_not_link_email_addresses() -> None:
    html = comment_text("write to me@example.com")
    assert "me@example.com" in html
    assert "mailto" not in html


def test_it_shows_approved_comments_only(client: Client, article: ArticlePage) -> None:
    factories.make_comment(article, text="Shown to all")
    for status in (Status.PENDING, Status.REJECTED, Status.SPAM):
        factories.make_comment(article, status=status, text=f"Hidden {status}")

    html = page_html(client, article)

    assert "Shown to all" in html
    assert "Hidden" not in html


def test_it_shows_comment_text_with_its_own_direction(client: Client, article: ArticlePage) -> None:
    factories.make_comment(article, text="سلام، مقاله خوبی بود")

    assert '<div class="comment__text" dir="auto">سلام، مقاله خوبی بود</div>' in page_html(
        client, article
    )


def test_it_never_shows_a_commenters_email(client: Client, article: ArticlePage) -> None:
    factories.make_comment(article, email="secret.reader@example.com", text="Thanks for this")

    html = page_html(client, article)

    assert "Thanks for this" in html
    assert "secret.reader" not in html


def test_it_shows_threads_oldest_first_with_replies_nested(
    client: Client, article: ArticlePage
) -> None:
    first = factories.make_comment(article, text="First thread")
    factories.make_comment(article, text="Second thread")
    reply = factories.make_comment(article, first, text="Reply to first")
    factories.make_comment(article, reply, text="Reply to reply")

    html = page_html(client, article)

    order = [
        html.index(t) for t in ("First thread", "Reply to first", "Reply to reply", "Second thread")
    ]
    assert order == sorted(order)
    assert html.count("comment-list--replies") == 2


def test_it_paginates_by_thread(client: Client, article: ArticlePage) -> None:
    for n in range(12):
        root = factories.make_comment(article, text=f"Thread {n:02d}")
        factories.make_comment(article, root, text=f"Reply in {n:02d}")

    first = page_html(client, article)
    second = page_html(client, article, "?comments=2")

    assert "Thread 09" in first and "Thread 10" not in first
    assert "Reply in 09" in first
    assert "Thread 10" in second and "Reply in 11" in second
    assert "Thread 00" not in second


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("?comments=abc", 400),
        ("?comments=-1", 400),
        ("?comments=99999999", 404),
        ("?comments=400", 200),
    ],
)
def test_it_answers_a_bad_comment_page_with_a_4xx_never_a_failure(
    client: Client, article: ArticlePage, query: str, status: int
) -> None:
    assert client.get(f"{article.url}{query}").status_code == status


def cold_queries(client: Client, article: ArticlePage) -> int:
    page_html(client, article)  # warm: renditions, site root paths
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as captured:
        page_html(client, article)
    return len(captured)


def test_it_costs_the_same_queries_with_3_and_300_comments(
    client: Client, article: ArticlePage
) -> None:
    for _ in range(3):
        factories.make_comment(article)
    with_3 = cold_queries(client, article)
    roots = [factories.make_comment(article) for _ in range(150)]
    for root in roots[:147]:
        factories.make_comment(article, root)

    with_300 = cold_queries(client, article)

    assert Comment.objects.count() == 300
    assert with_300 == with_3


def test_it_shows_an_approved_comment_at_once(client: Client, article: ArticlePage) -> None:
    comment = factories.make_comment(article, status=Status.PENDING, text="Waiting for a yes")
    assert "Waiting for a yes" not in page_html(client, article)  # now kept as a fragment

    services.moderate(comment, Status.APPROVED)

    assert "Waiting for a yes" in page_html(client, article)


def test_it_shows_a_comment_approved_in_the_desk_at_once(
    client: Client, article: ArticlePage
) -> None:
    comment = factories.make_comment(article, status=Status.PENDING, text="Desk approval")
    reader = Client()
    page_html(reader, article)
    editor = User.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(editor)

    client.post(f"/admin/bulk/comments/comment/approve/?id={comment.pk}&next=/admin/", {})

    assert "Desk approval" in page_html(reader, article)


@pytest.mark.parametrize("action", ["reject", "delete"])
def test_it_hides_a_removed_comment_at_once(
    client: Client, article: ArticlePage, action: str
) -> None:
    comment = factories.make_comment(article, text="Soon gone")
    assert "Soon gone" in page_html(client, article)

    if action == "reject":
        services.moderate(comment, Status.REJECTED)
    else:
        comment.delete()

    assert "Soon gone" not in page_html(client, article)


def test_it_shows_an_edit_at_once(client: Client, article: ArticlePage) -> None:
    comment = factories.make_comment(article, text="Before the edit")
    page_html(client, article)

    services.edit_text(comment, "After the edit", reason="typo", editor=None)

    assert "After the edit" in page_html(client, article)


def test_it_shows_the_form_with_a_reply_target(client: Client, article: ArticlePage) -> None:
    comment = factories.make_comment(article, name="Omid")

    html = page_html(client, article, f"?reply={comment.pk}")

    assert "Replying to Omid" in html
    assert f'name="parent" value="{comment.pk}"' in html


def test_it_shows_closed_comments_without_a_form(client: Client, article: ArticlePage) -> None:
    article.comments_open = False
    article.save_revision().publish()

    html = page_html(client, article)

    assert "Comments on this article are closed." in html
    assert 'id="comment-form"' not in html


def test_it_tells_the_reader_after_a_redirect_that_the_comment_awaits_moderation(
    client: Client, article: ArticlePage
) -> None:
    assert "awaiting moderation" in page_html(client, article, "?comment=pending")


# Privacy -----------------------------------------------------------------------------


def test_it_exports_everything_stored_for_an_email(article: ArticlePage) -> None:
    factories.make_comment(article, email="me@example.com", text="Mine")
    factories.make_comment(article, email="other@example.com", text="Not mine")
    out = StringIO()

    call_command("comments_privacy", "--email", "ME@example.com", "--export", stdout=out)

    data = json.loads(out.getvalue())
    assert [c["text"] for c in data["comments"]] == ["Mine"]


def test_it_erases_everything_stored_for_an_email_keeping_others_replies(
    client: Client, article: ArticlePage
) -> None:
    mine = factories.make_comment(article, email="me@example.com", text="My first")
    factories.make_comment(article, email="me@example.com", text="My second")
    factories.make_comment(article, mine, email="other@example.com", text="Their reply")

    call_command("comments_privacy", "--email", "me@example.com", "--delete", stderr=StringIO())

    assert not Comment.objects.filter(email__iexact="me@example.com").exists()
    assert not Comment.objects.filter(text__startswith="My").exists()
    html = page_html(client, article)
    assert "Their reply" in html and "This comment was removed." in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "شكرًا لك. تعليقك بانتظار المراجعة."), ("fa", "سپاس. دیدگاه شما در انتظار بررسی است.")],
)
def test_it_speaks_to_arabic_and_persian_readers_in_their_language(
    language: str, expected: str
) -> None:
    with translation.override(language):
        assert gettext("Thank you. Your comment is awaiting moderation.") == expected


# The count on cards ----------------------------------------------------------------------


def test_it_shows_the_comment_count_on_cards_once_approved(
    client: Client, article: ArticlePage, news: Any
) -> None:
    comment = factories.make_comment(article, status=Status.PENDING)
    assert "1 comment" not in page_html(client, news)  # the list is now kept as a fragment

    services.moderate(comment, Status.APPROVED)

    assert "1 comment</a>" in page_html(client, news)


def test_it_keeps_the_count_right_when_an_older_revision_is_published(
    article: ArticlePage,
) -> None:
    revision = article.save_revision()
    services.moderate(factories.make_comment(article, status=Status.PENDING), Status.APPROVED)

    revision.publish()

    assert ArticlePage.objects.get(pk=article.pk).comment_count == 1


def test_it_shows_the_form_closed_once_the_sites_days_are_over(client: Client, news) -> None:
    with time_machine.travel("2026-05-01 10:00:00", tick=False):
        article = factories.make_article(news, "Closing soon")
        rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
        rules.close_after_days = 3
        rules.save()
        assert 'id="comment-form"' in page_html(client, article)  # kept, with the page
    with time_machine.travel("2026-05-04 10:00:01", tick=False):
        html = page_html(client, article)
    assert 'id="comment-form"' not in html
    assert "Comments on this article are closed." in html


DAYS_10 = timedelta(days=10)


def test_it_applies_rules_saved_for_the_first_time_to_kept_pages(client: Client, news) -> None:
    article = factories.make_article(news, "Rules arrive", published_at=timezone.now() - DAYS_10)
    assert "comment-form" in page_html(client, article)
    CommentSettings.objects.create(site=Site.objects.get(is_default_site=True), close_after_days=5)
    assert "Comments on this article are closed." in page_html(client, article)
