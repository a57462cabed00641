"""Content for tests: real rows in the real database, built the way editors build them."""

from __future__ import annotations

import io
from datetime import timedelta
from itertools import count
from typing import Any

import factory
from django.contrib.auth.models import Group, User
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from newsdesk.articles.models import ArticleAuthor, ArticleKind, ArticlePage, SectionPage
from newsdesk.comments.models import Comment, Status
from newsdesk.gallery.models import (
    FilmPage,
    GalleryIndexPage,
    GalleryItem,
    GalleryTopicLink,
    PhotoGalleryPage,
)
from newsdesk.home.models import EditorsChoiceItem, HomePage, InFocusItem
from newsdesk.live.models import LiveEntry, LivePage
from newsdesk.people.models import Person
from newsdesk.topics.models import ArticleTopic, TopicIndexPage, TopicPage

_serial = count(1)  # names and slugs: unique in the whole run
_ages = count(1)  # how many minutes old the next story is: restarted by each test


def restart_ages() -> None:
    """Each test's stories are one, two, three... minutes old in the order it makes them
    (newest first). Counted over the whole run, the thousands of stories made before a late
    test would push its stories out of the two-day news window (tests/conftest.py)."""
    global _ages
    _ages = count(1)


def png_bytes(width: int = 320, height: int = 180, colour: str = "#336699") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Picture {n}")
    file = factory.LazyFunction(lambda: ImageFile(io.BytesIO(png_bytes()), name="picture.png"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    role = "Correspondent"
    bio = "Covers the region."


def make_home() -> HomePage:
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Front page", slug="front"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "newsdesk"},
    )
    return home


def make_section(home: HomePage, title: str = "News") -> SectionPage:
    return home.add_child(instance=SectionPage(title=title, slug=title.lower(), show_in_menus=True))


def make_topic_index(home: HomePage) -> TopicIndexPage:
    return home.add_child(instance=TopicIndexPage(title="In Focus", slug="in-focus"))


def make_topic(index: TopicIndexPage, title: str | None = None, **fields: Any) -> TopicPage:
    title = title or f"Topic {next(_serial)}"
    fields.setdefault("description", f"What you need to know about {title}.")
    return index.add_child(instance=TopicPage(title=title, slug=_slug(title), **fields))


def make_article(
    section: SectionPage,
    title: str | None = None,
    *,
    authors: list[Person] | None = None,
    topics: list[TopicPage] | None = None,
    tags: list[str] | None = None,
    **fields: Any,
) -> ArticlePage:
    n = next(_serial)
    title = title or f"Story number {n} from the region"
    fields.setdefault("lead", f"The short summary of story {n}.")
    fields.setdefault("kind", ArticleKind.NEWS)
    fields.setdefault("published_at", timezone.now() - timedelta(minutes=next(_ages)))
    fields.setdefault(
        "body",
        [
            {"type": "paragraph", "value": f"<p>First paragraph of story {n}.</p>"},
            {"type": "heading", "value": "What happened next"},
            {"type": "paragraph", "value": "<p>Second paragraph.</p>"},
        ],
    )
    fields.setdefault("slug", f"{_slug(title)}-{n}")
    article = ArticlePage(title=title, **fields)
    for position, person in enumerate(authors or []):
        article.authors.add(ArticleAuthor(person=person, sort_order=position))
    for position, topic in enumerate(topics or []):
        article.topic_links.add(ArticleTopic(topic=topic, sort_order=position))
    if tags:
        article.tags.add(*tags)
    section.add_child(instance=article)
    article.save_revision().publish()
    return article


def make_live_page(
    section: SectionPage,
    title: str | None = None,
    *,
    authors: list[Person] | None = None,
    **fields: Any,
) -> LivePage:
    """Live coverage as an editor starts it: a live page in a section, published."""
    n = next(_serial)
    title = title or f"Live: event number {n}"
    fields.setdefault("lead", f"Follow event {n} as it happens.")
    fields.setdefault("kind", ArticleKind.NEWS)
    fields.setdefault("published_at", timezone.now() - timedelta(minutes=next(_ages)))
    fields.setdefault("comments_open", False)
    fields.setdefault("slug", f"{_slug(title)}-{n}")
    page = LivePage(title=title, **fields)
    for position, person in enumerate(authors or []):
        page.authors.add(ArticleAuthor(person=person, sort_order=position))
    section.add_child(instance=page)
    page.save_revision().publish()
    return LivePage.objects.get(pk=page.pk)


def post_entry(
    page: LivePage, text: str = "", *, author: Person | None = None, **fields: Any
) -> LiveEntry:
    """An entry as a writer posts it from the admin: checked, then saved."""
    n = next(_serial)
    entry = LiveEntry(
        live_page=page,
        author=author or PersonFactory(),
        text=f"<p>{text or f'Entry number {n}.'}</p>",
        **fields,
    )
    entry.full_clean()
    entry.save()
    return entry


def pick_for_home(home: HomePage, articles: list[ArticlePage], **fields: Any) -> None:
    for position, article in enumerate(articles):
        EditorsChoiceItem.objects.create(page=home, article=article, sort_order=position, **fields)


def put_in_focus(home: HomePage, topics: list[TopicPage]) -> None:
    for position, topic in enumerate(topics):
        InFocusItem.objects.create(page=home, topic=topic, sort_order=position)


def _slug(title: str) -> str:
    return slugify(title, allow_unicode=True)[:60]


def make_gallery_index(home: HomePage) -> GalleryIndexPage:
    return home.add_child(instance=GalleryIndexPage(title="Gallery", slug="gallery"))


def translate_gallery_index(
    home: HomePage, index: GalleryIndexPage, language: str
) -> GalleryIndexPage:
    """The Gallery (and the home page above it) in another language, both published."""
    locale = Locale.objects.get(language_code=language)
    translated_home = home.copy_for_translation(locale)
    translated_home.save_revision().publish()
    translated = index.copy_for_translation(locale)
    translated.save_revision().publish()
    return translated


def make_photo_gallery(
    index: GalleryIndexPage,
    title: str | None = None,
    *,
    pictures: int = 3,
    topics: list[TopicPage] | None = None,
    **fields: Any,
) -> PhotoGalleryPage:
    n = next(_serial)
    title = title or f"Photo essay {n}"
    fields.setdefault("summary", f"Pictures from essay {n}.")
    fields.setdefault("cover", ImageFactory())
    fields.setdefault("cover_alt", "A street at dusk")
    gallery = PhotoGalleryPage(title=title, slug=f"{_slug(title)}-{n}", **fields)
    for position in range(pictures):
        gallery.items.add(
            GalleryItem(
                image=ImageFactory(),
                alt_text=f"Picture {position + 1} described",
                caption=f"Caption of picture {position + 1}",
                credit=f"Photographer {position + 1} / Agency",
                sort_order=position,
            )
        )
    for position, topic in enumerate(topics or []):
        gallery.topic_links.add(GalleryTopicLink(topic=topic, sort_order=position))
    index.add_child(instance=gallery)
    gallery.save_revision().publish()
    return gallery


def make_film(index: GalleryIndexPage, title: str | None = None, **fields: Any) -> FilmPage:
    n = next(_serial)
    title = title or f"Film {n}"
    fields.setdefault("summary", f"The story of film {n}.")
    fields.setdefault("credit", "Camera / Agency")
    if "video_file" not in fields:
        fields.setdefault("external_url", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    film = FilmPage(title=title, slug=f"{_slug(title)}-{n}", **fields)
    index.add_child(instance=film)
    film.save_revision().publish()
    return film


def make_comment(
    article: ArticlePage,
    parent: Comment | None = None,
    *,
    status: str = Status.APPROVED,
    **fields: Any,
) -> Comment:
    """A stored comment, placed in its thread the way services.submit places it."""
    n = next(_serial)
    fields.setdefault("name", f"Reader {n}")
    fields.setdefault("email", f"reader{n}@example.com")
    fields.setdefault("text", f"Comment number {n}.")
    return Comment.objects.create(
        article=article,
        parent=parent,
        root=(parent.root or parent) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        status=status,
        **fields,
    )


def member_of(group: str) -> User:
    """A user in one of the newsroom's groups (Writer, Editor, Administrator)."""
    user = User.objects.create_user(group.lower(), f"{group.lower()}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user
