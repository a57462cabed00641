"""An editor writes and publishes in the Wagtail admin: what is on screen is what goes out,
once (decision 0016: Wagtail's autosave is off)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Page, expect

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.newsroom.roles import EDITOR
from newsdesk.topics.models import TopicIndexPage, TopicPage
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"
# Longer than Wagtail's autosave delay (half a second): had it been on, it would have saved.
AUTOSAVE_WOULD_HAVE_RUN_MS = 1_500


@pytest.fixture
def editor() -> User:
    user = User.objects.create_user("erin", "erin@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


def log_in(page: Page, user: User) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url("/admin/")


def start_article(page: Page, section: SectionPage, title: str, lead: str) -> None:
    page.goto(f"/admin/pages/add/articles/articlepage/{section.pk}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_lead").fill(lead)


def publish(page: Page) -> None:
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()


def test_publishing_just_after_a_pause_publishes_what_is_on_screen(
    page: Page, editor: User, news: SectionPage
) -> None:
    log_in(page, editor)
    start_article(page, news, "Talks resume in Doha", "Negotiators met again.")
    page.wait_for_timeout(AUTOSAVE_WOULD_HAVE_RUN_MS)
    page.locator("#id_lead").fill("Negotiators met again and agreed on a truce.")
    publish(page)

    expect(page.get_by_text("created and published")).to_be_visible()
    article = ArticlePage.objects.get()
    assert (article.live, article.lead) == (True, "Negotiators met again and agreed on a truce.")
    page.goto(article.url)
    expect(page.locator(".article__lead")).to_have_text(
        "Negotiators met again and agreed on a truce."
    )


def test_an_abandoned_new_article_leaves_nothing_to_block_the_next(
    page: Page, editor: User, news: SectionPage
) -> None:
    log_in(page, editor)
    page.on("dialog", lambda dialog: dialog.accept())  # "leave with unsaved changes?"
    start_article(page, news, "Talks resume in Doha", "A first try.")
    page.wait_for_timeout(AUTOSAVE_WOULD_HAVE_RUN_MS)
    page.goto("/admin/")

    start_article(page, news, "Talks resume in Doha", "The story as it went out.")
    publish(page)

    expect(page.get_by_text("created and published")).to_be_visible()
    article = ArticlePage.objects.get()
    assert (article.slug, article.lead) == ("talks-resume-in-doha", "The story as it went out.")


def choose_article(page: Page, title: str) -> None:
    page.get_by_role("button", name="Add Pinned article").click()
    page.get_by_role("button", name="Choose a page (Article)").last.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox", name="Search term").fill(title)
    modal.get_by_role("link", name=title).click()
    expect(modal).to_be_hidden()


def test_two_pinned_articles_are_published_once_each(
    page: Page, editor: User, news: SectionPage, topic_index: TopicIndexPage
) -> None:
    first = factories.make_article(news, "Talks resume in Doha")
    second = factories.make_article(news, "Aid convoy reaches the north")
    log_in(page, editor)
    page.goto(f"/admin/pages/add/topics/topicpage/{topic_index.pk}/")
    page.locator("#id_title").fill("Ceasefire")
    page.locator("#id_description").fill("What the truce means.")
    choose_article(page, first.title)
    choose_article(page, second.title)
    publish(page)

    expect(page.get_by_text("created and published")).to_be_visible()
    topic = TopicPage.objects.get()
    assert [a.pk for a in topic.pinned_articles()] == [first.pk, second.pk]
    page.goto(topic.url)
    expect(page.get_by_role("link", name=first.title)).to_have_count(1)
    expect(page.get_by_role("link", name=second.title)).to_have_count(1)


def test_pinning_the_same_article_twice_gives_a_message(
    page: Page, editor: User, news: SectionPage, topic_index: TopicIndexPage
) -> None:
    article = factories.make_article(news, "Talks resume in Doha")
    log_in(page, editor)
    page.goto(f"/admin/pages/add/topics/topicpage/{topic_index.pk}/")
    page.locator("#id_title").fill("Ceasefire")
    page.locator("#id_description").fill("What the truce means.")
    choose_article(page, article.title)
    choose_article(page, article.title)
    publish(page)

    expect(
        page.get_by_text("The page could not be created due to validation errors")
    ).to_be_visible()
    expect(
        page.get_by_text("Please correct the duplicate data for topic and article")
    ).to_be_visible()
    assert not TopicPage.objects.exists()
