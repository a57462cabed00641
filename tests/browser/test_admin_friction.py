"""The newsroom's friction, tried in the real Wagtail admin as an editor or a writer does
it: a new article with the writer's own byline, the reviewer's request for changes,
comments decided from their rows, an event verified from its form, the Most Viewed
report searched by title, a writer deleting their own picture, and the areas-of-control
upload page without script errors. (The event form's map under the admin's bars is in
test_map_admin.py.)"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from newsdesk.analytics import stores
from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.comments.models import Comment, Status
from newsdesk.maps.models import Event
from newsdesk.newsroom.roles import EDITOR, WRITER
from tests import factories
from tests.maps.factories import make_event

from .test_newsroom import log_in, member_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The admin's editing pages are the heaviest the tests load.
ADMIN_NAVIGATION_MS = 30_000


@pytest.fixture
def editor() -> User:
    return member_of(EDITOR, "erin")


@pytest.fixture
def writer() -> User:
    return member_of(WRITER, "wes")


def script_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_a_writer_starts_an_article_with_their_own_byline(
    page: Page, writer: User, news: SectionPage
) -> None:
    me = factories.PersonFactory(name="Wes Writer", user=writer)
    factories.PersonFactory(name="Someone Else")
    page.set_default_navigation_timeout(ADMIN_NAVIGATION_MS)
    errors = script_errors(page)
    log_in(page, writer)

    page.goto(f"/admin/pages/add/articles/articlepage/{news.pk}/")
    expect(page.locator("#panel-child-content-byline-section")).to_contain_text("Wes Writer")
    page.locator("#id_title").fill("Dam talks resume")
    page.locator("#id_title").blur()  # the slug follows the title when it changes
    expect(page.locator("#id_slug")).to_have_value("dam-talks-resume")
    page.locator("#id_lead").fill("Negotiators met again on Monday.")
    page.locator("footer").get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Editing Article: Dam talks resume")).to_be_visible()

    article = ArticlePage.objects.get(title="Dam talks resume")
    assert article.byline == [me]
    assert errors == []


def test_the_writer_reads_the_editors_request_for_changes_above_the_form(
    page: Page, writer: User, editor: User, news: SectionPage
) -> None:
    article = factories.make_article(news, "Talks resume in Doha")
    article.save_revision(user=writer)
    state = article.get_workflow().start(article, writer)
    state.current_task_state.specific.reject(user=editor, comment="Name the second source.")
    page.set_default_navigation_timeout(ADMIN_NAVIGATION_MS)
    log_in(page, writer)

    page.goto(f"/admin/pages/{article.pk}/edit/")

    notice = page.locator(".changes-requested")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Changes requested by erin")
    expect(notice).to_contain_text("Name the second source.")


def test_an_editor_approves_one_comment_from_its_row_and_stays_on_the_list(
    page: Page, editor: User, news: SectionPage
) -> None:
    article = factories.make_article(news, "Talks resume in Doha")
    chosen = factories.make_comment(article, status=Status.PENDING, name="Maryam")
    other = factories.make_comment(article, status=Status.PENDING, name="Reza")
    errors = script_errors(page)
    log_in(page, editor)
    page.goto("/admin/snippets/comments/comment/?status=pending")

    page.get_by_role("link", name="Approve the comment by Maryam").click()

    expect(page.get_by_text("The comment by Maryam is now approved.")).to_be_visible()
    expect(page).to_have_url("/admin/snippets/comments/comment/?status=pending")
    assert Comment.objects.get(pk=chosen.pk).status == Status.APPROVED
    assert Comment.objects.get(pk=other.pk).status == Status.PENDING
    assert errors == []


def test_an_editor_saves_and_verifies_an_event_from_its_form(
    page: Page, editor: User, home
) -> None:  # type: ignore[no-untyped-def]
    event = make_event(status=Event.Status.REPORTED, title="Shelling near Idlib")
    page.set_default_navigation_timeout(ADMIN_NAVIGATION_MS)
    log_in(page, editor)
    page.goto(f"/admin/snippets/maps/event/edit/{event.pk}/")

    page.locator("#id_title").fill("Shelling near Idlib market")
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Save and verify").click()

    expect(page.get_by_text("is saved, verified and public")).to_be_visible()
    event.refresh_from_db()
    assert (event.title, event.status, event.verified_by) == (
        "Shelling near Idlib market",
        Event.Status.VERIFIED,
        editor,
    )


def test_an_editor_finds_an_article_in_the_most_viewed_report_by_title(
    page: Page, editor: User, news: SectionPage
) -> None:
    now = timezone.now()
    store = stores.get_store()
    for n in range(1, 61):
        article = factories.make_article(news, f"Story {n}")
        store.add_view(stores.View(article.pk, article.locale_id, news.pk, now, 100 + n))
    quiet = factories.make_article(news, "Quiet dam story")
    store.add_view(stores.View(quiet.pk, quiet.locale_id, news.pk, now, 3))
    store.flush()
    log_in(page, editor)
    page.goto("/admin/reports/most-viewed/")
    expect(page.get_by_role("link", name="Quiet dam story")).to_have_count(0)

    page.get_by_role("link", name="Next").click()
    expect(page.get_by_role("link", name="Quiet dam story")).to_be_visible()

    page.get_by_label("Title contains").fill("quiet dam")
    page.get_by_role("button", name="Show").click()
    row = page.locator("tr", has=page.get_by_role("link", name="Quiet dam story"))
    expect(row.locator(".views")).to_have_text("3")


def test_a_writer_deletes_a_picture_they_uploaded_by_mistake(page: Page, writer: User) -> None:
    image = factories.ImageFactory(title="Wrong picture", uploaded_by_user=writer)
    page.set_default_navigation_timeout(ADMIN_NAVIGATION_MS)
    log_in(page, writer)
    page.goto(f"/admin/images/{image.pk}/")

    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("link", name="Delete image").click()
    page.get_by_role("button", name="Yes, delete").click()

    expect(page.get_by_text("Image 'Wrong picture' deleted.")).to_be_visible()
    assert not type(image).objects.filter(pk=image.pk).exists()


def test_the_areas_of_control_upload_page_runs_without_script_errors(
    page: Page, editor: User
) -> None:
    errors = script_errors(page)
    log_in(page, editor)

    page.goto("/admin/map/areas/upload/")

    valid_from = page.get_by_label("Valid from")
    expect(valid_from).to_be_visible()
    expect(page.get_by_text("Required, unless every feature in the file")).to_be_visible()
    valid_from.click()
    expect(page.locator(".xdsoft_datetimepicker").first).to_be_visible()
    assert errors == []
