"""The newsroom's friction, tried as an editor would: a writer's own byline on a new
article, a reviewer's request for changes on the writer's screen, one comment decided
from its row with its edit reasons shown, and a writer's own picture deleted."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.comments import services
from newsdesk.comments.models import Comment, Status
from newsdesk.newsroom.roles import EDITOR, WRITER
from newsdesk.people.models import Person
from tests.factories import member_of

from . import factories

pytestmark = pytest.mark.django_db
COMMENTS = "/admin/snippets/comments/comment/"


def _add_article_url(section: SectionPage) -> str:
    return f"/admin/pages/add/articles/articlepage/{section.pk}/"


def _byline_form(html: str) -> str:
    """The byline's first form in the editor (the formset's prefix is `authors`)."""
    start = html.find('name="authors-0-person"')
    return html[max(start - 400, 0) : start + 400] if start >= 0 else ""


# A writer's own byline -------------------------------------------------------------------


def test_a_new_article_starts_with_the_writers_own_byline(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    writer = member_of(WRITER)
    me = factories.PersonFactory(name="Sara Ahmadi", user=writer)
    factories.PersonFactory(name="Someone Else")
    client.force_login(writer)

    html = client.get(_add_article_url(news)).content.decode()

    assert re.search(rf'name="authors-0-person"[^>]*value="{me.pk}"', _byline_form(html))
    assert 'name="authors-TOTAL_FORMS" value="1"' in html


def test_a_writer_without_a_person_starts_with_an_empty_byline(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    factories.PersonFactory(name="Someone Else")
    client.force_login(member_of(WRITER))

    html = client.get(_add_article_url(news)).content.decode()

    assert 'name="authors-TOTAL_FORMS" value="0"' in html


def test_the_byline_is_not_added_again_when_an_article_is_edited(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    writer = member_of(WRITER)
    factories.PersonFactory(user=writer)
    article = factories.make_article(news, "Talks resume")
    client.force_login(writer)

    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    assert 'name="authors-TOTAL_FORMS" value="0"' in html


def test_a_persons_login_is_unlinked_when_the_login_is_deleted() -> None:
    user = User.objects.create_user("gone", "gone@example.org", "pw")
    person = factories.PersonFactory(user=user)

    user.delete()

    # The person stays; only the login goes.
    kept = Person.objects.get(pk=person.pk)
    assert kept.name == person.name
    assert kept.user is None


# A reviewer's request for changes --------------------------------------------------------


def _rejected(article: Page, writer: User, editor: User, comment: str) -> None:
    article.save_revision(user=writer)
    workflow = article.get_workflow()
    state = workflow.start(article, writer)
    state.current_task_state.specific.reject(user=editor, comment=comment)


def test_the_writer_sees_the_reviewers_request_for_changes(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    writer, editor = member_of(WRITER), member_of(EDITOR)
    editor.first_name, editor.last_name = "Leila", "Karimi"
    editor.save()
    article = factories.make_article(news, "Talks resume")
    _rejected(article, writer, editor, "Name the second source, please.")
    client.force_login(writer)

    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    notice = html[html.index("changes-requested") :]
    assert "Changes requested by Leila Karimi" in notice[:2000]
    assert "Name the second source, please." in notice[:2000]


@pytest.mark.parametrize("resubmitted", [False, True])
def test_no_request_for_changes_is_shown_without_one(
    client: Client, news, resubmitted: bool
) -> None:  # type: ignore[no-untyped-def]
    writer, editor = member_of(WRITER), member_of(EDITOR)
    article = factories.make_article(news, "Talks resume")
    if resubmitted:
        _rejected(article, writer, editor, "Name the second source, please.")
        article.current_workflow_state.resume(user=writer)
    client.force_login(writer)

    response = client.get(f"/admin/pages/{article.pk}/edit/")
    html = response.content.decode()

    # The writer gets the article's form, only without a request for changes.
    assert response.status_code == 200
    assert 'value="Talks resume"' in html
    assert "changes-requested" not in html
    assert "Name the second source" not in html


# Comments decided from their row; edit reasons shown ----------------------------------------


@pytest.fixture
def article(news) -> ArticlePage:  # type: ignore[no-untyped-def]
    return factories.make_article(news, "Talks resume in Doha")


@pytest.mark.parametrize(
    ("decision", "status"),
    [("approve", Status.APPROVED), ("reject", Status.REJECTED), ("spam", Status.SPAM)],
)
def test_a_moderator_decides_one_comment_from_its_row(
    client: Client, article: ArticlePage, decision: str, status: str
) -> None:
    comment = factories.make_comment(article, status=Status.PENDING)
    other = factories.make_comment(article, status=Status.PENDING)
    editor = member_of(EDITOR)
    client.force_login(editor)
    url = f"/admin/comments/decide/{comment.pk}/{decision}/"
    assert url in client.get(COMMENTS).content.decode()

    response = client.post(url, {"next": f"{COMMENTS}?p=1"})

    assert (response.status_code, response["Location"]) == (302, f"{COMMENTS}?p=1")
    comment.refresh_from_db()
    assert (comment.status, comment.decided_by) == (status, editor)
    assert Comment.objects.get(pk=other.pk).status == Status.PENDING


def test_a_row_offers_only_the_decisions_its_comment_can_take(
    client: Client, article: ArticlePage
) -> None:
    comment = factories.make_comment(article, status=Status.APPROVED)
    client.force_login(member_of(EDITOR))

    html = client.get(COMMENTS).content.decode()

    assert f"/admin/comments/decide/{comment.pk}/reject/" in html
    assert f"/admin/comments/decide/{comment.pk}/approve/" not in html


def test_the_row_decision_asks_first_without_script(client: Client, article: ArticlePage) -> None:
    comment = factories.make_comment(article, status=Status.PENDING, text="Well put.")
    client.force_login(member_of(EDITOR))

    response = client.get(f"/admin/comments/decide/{comment.pk}/approve/")

    assert response.status_code == 200
    assert "Well put." in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING


@pytest.mark.parametrize(("who", "decision"), [("writer", "approve"), ("editor", "delete")])
def test_a_row_decision_refuses_a_writer_or_an_unknown_decision(
    client: Client, article: ArticlePage, who: str, decision: str
) -> None:
    comment = factories.make_comment(article, status=Status.PENDING)
    client.force_login(member_of(WRITER if who == "writer" else EDITOR))

    response = client.post(f"/admin/comments/decide/{comment.pk}/{decision}/")

    assert response.status_code in (302, 403, 404)
    assert response.get("Location", "") != COMMENTS
    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING


def test_a_comment_already_decided_elsewhere_is_left_as_it_is(
    client: Client, article: ArticlePage
) -> None:
    comment = factories.make_comment(article, status=Status.PENDING)
    services.moderate(comment, Status.SPAM)
    client.force_login(member_of(EDITOR))

    response = client.post(f"/admin/comments/decide/{comment.pk}/spam/", follow=True)

    assert "already spam" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).status == Status.SPAM


@pytest.mark.parametrize("where", ["list", "edit", "inspect"])
def test_a_moderators_edit_reason_is_shown_where_moderators_look(
    client: Client, article: ArticlePage, where: str
) -> None:
    comment = factories.make_comment(article, text="Call me on 555-0100")
    editor = member_of(EDITOR)
    services.edit_text(comment, "Call me", reason="removed a phone number", editor=editor)
    client.force_login(editor)
    url = {
        "list": COMMENTS,
        "edit": f"{COMMENTS}edit/{comment.pk}/",
        "inspect": f"{COMMENTS}inspect/{comment.pk}/",
    }[where]

    html = client.get(url).content.decode()

    assert "removed a phone number" in html


def test_the_list_shows_each_comments_newest_edit_reason_in_one_query(
    client: Client, article: ArticlePage, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    editor = member_of(EDITOR)
    client.force_login(editor)
    client.get(COMMENTS)  # the admin's own first-request work
    for n in range(3):
        comment = factories.make_comment(article, text=f"Text {n}")
        services.edit_text(comment, f"Text {n}!", reason=f"old reason {n}", editor=editor)
        services.edit_text(comment, f"Text {n}!!", reason=f"new reason {n}", editor=editor)
    with django_assert_max_num_queries(40) as captured:
        html = client.get(COMMENTS).content.decode()
    few = len(captured)
    for n in range(3, 12):
        factories.make_comment(article, text=f"Text {n}")
    with django_assert_max_num_queries(few):
        client.get(COMMENTS)

    assert all(f"new reason {n}" in html for n in range(3))
    assert not any(f"old reason {n}" in html for n in range(3))


# A writer deletes their own picture ---------------------------------------------------------


@pytest.mark.parametrize(("role", "shown"), [(WRITER, True), (EDITOR, True)])
def test_the_image_form_offers_delete_beside_save_to_its_uploader(
    client: Client, role: str, shown: bool
) -> None:
    user = member_of(role)
    image = factories.ImageFactory(uploaded_by_user=user)
    client.force_login(user)

    html = client.get(f"/admin/images/{image.pk}/").content.decode()

    footer = html[html.index('<footer class="footer') :]
    assert (f'href="/admin/images/{image.pk}/delete/"' in footer) is shown


def test_a_writer_cannot_open_someone_elses_picture_to_delete_it(client: Client) -> None:
    writer = member_of(WRITER)
    someone = User.objects.create_user("other", "other@example.org", "pw")
    image = factories.ImageFactory(uploaded_by_user=someone)
    client.force_login(writer)

    response = client.get(f"/admin/images/{image.pk}/")

    # Turned back to the dashboard, as for any page the writer may not open.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert f"/admin/images/{image.pk}/delete/" not in response.content.decode()
