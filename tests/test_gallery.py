"""Photo galleries and films: the pages, their rules and what readers get."""

from __future__ import annotations

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from newsdesk.gallery.models import FilmPage, GalleryItem, external_video
from tools.standards import jsonld

from . import factories

pytestmark = pytest.mark.django_db

# The first bytes of a WebM (EBML) and an MP4 (ftyp box) file: what the upload checks read.
WEBM_HEAD = b"\x1a\x45\xdf\xa3" + bytes(28)
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42" + bytes(20)


@pytest.fixture
def gallery_index(home):  # type: ignore[no-untyped-def]
    return factories.make_gallery_index(home)


def test_it_requires_a_credit_for_every_picture() -> None:
    item = GalleryItem(alt_text="A market", credit="")
    with pytest.raises(ValidationError) as error:
        item.full_clean(exclude=["page", "image"])
    assert "credit" in error.value.message_dict


def test_it_requires_alt_text_for_every_picture() -> None:
    item = GalleryItem(alt_text="   ", credit="Name / Agency")
    with pytest.raises(ValidationError) as error:
        item.full_clean(exclude=["page", "image"])
    assert "alt_text" in error.value.message_dict


def test_it_lists_photo_galleries_and_films_in_tabs_on_the_index(
    client: Client, gallery_index
) -> None:
    factories.make_photo_gallery(gallery_index, "Harvest in the valley")
    factories.make_film(gallery_index, "The last ferry")
    html = client.get(gallery_index.url).content.decode()
    assert 'href="#photo"' in html and 'id="photo"' in html
    assert 'href="#film"' in html and 'id="film"' in html
    assert "Harvest in the valley" in html and "The last ferry" in html


def test_it_shows_each_picture_with_caption_credit_and_a_webp_srcset(
    client: Client, gallery_index
) -> None:
    gallery = factories.make_photo_gallery(gallery_index, pictures=2)
    html = client.get(gallery.url).content.decode()
    assert html.count('id="image-') == 2
    assert "Photographer 2 / Agency" in html and "Caption of picture 1" in html
    srcsets = re.findall(r'srcset="([^"]+)"', html)
    assert len(srcsets) == 2
    assert all(s.count(".webp") == 3 for s in srcsets), srcsets
    assert 'alt="Picture 1 described"' in html


def test_it_gives_each_picture_a_page_of_its_own(client: Client, gallery_index) -> None:
    gallery = factories.make_photo_gallery(gallery_index, pictures=3)
    html = client.get(f"{gallery.url}image/2/").content.decode()
    assert "Picture 2 of 3" in html
    assert f'href="{gallery.url}image/1/"' in html and f'href="{gallery.url}image/3/"' in html
    assert "Photographer 2 / Agency" in html


@pytest.mark.parametrize("number", ["0", "4", "x"])
def test_it_answers_404_for_a_picture_that_does_not_exist(
    client: Client, gallery_index, number: str
) -> None:
    gallery = factories.make_photo_gallery(gallery_index, pictures=3)
    assert client.get(f"{gallery.url}image/{number}/").status_code == 404


def _queries(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm: renditions are made on first view
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_it_reads_a_gallery_in_the_same_number_of_queries_for_3_or_30_pictures(
    client: Client, gallery_index
) -> None:
    small = factories.make_photo_gallery(gallery_index, pictures=3)
    large = factories.make_photo_gallery(gallery_index, pictures=30)
    assert _queries(client, small.url) == _queries(client, large.url) <= 12
    assert _queries(client, f"{small.url}image/2/") == _queries(client, f"{large.url}image/2/")


def test_it_shows_an_external_film_behind_a_facade_without_the_host_in_the_page(
    client: Client, gallery_index
) -> None:
    film = factories.make_film(gallery_index, external_url="https://www.youtube.com/watch?v=abc123")
    html = client.get(film.url).content.decode()
    assert "<iframe" not in html
    assert 'data-film-provider="youtube"' in html and 'data-film-id="abc123"' in html
    # The only mention of the host is the link readers without scripts follow.
    without_link = html.replace('href="https://www.youtube.com/watch?v=abc123"', "")
    assert "youtube.com" not in without_link and "youtube-nocookie" not in without_link
    assert not re.search(r'(src|srcset|poster)="https?://', html)


def test_it_plays_a_film_we_host_with_controls_and_no_preload(
    client: Client, gallery_index
) -> None:
    video = SimpleUploadedFile("clip.webm", WEBM_HEAD, content_type="video/webm")
    captions = SimpleUploadedFile("clip.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n")
    film = factories.make_film(
        gallery_index, video_file=video, captions_file=captions, duration_seconds=75
    )
    html = client.get(film.url).content.decode()
    assert re.search(r"<video[^>]* controls preload=\"none\"", html)
    assert 'type="video/webm"' in html
    assert '<track kind="captions"' in html
    assert "1:15" in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=abc_1-2", ("youtube", "abc_1-2")),
        ("https://youtu.be/xyz789", ("youtube", "xyz789")),
        ("https://vimeo.com/123456", ("vimeo", "123456")),
        ("https://evil.example/watch?v=abc", None),
        ("http://www.youtube.com/watch?v=abc", None),
        ("https://www.youtube.com/watch?v=a%22b", None),
        ("https://youtube.com.evil.example/watch?v=abc", None),
    ],
)
def test_it_accepts_films_only_from_allowed_video_hosts(url: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert external_video(url) == expected


def test_it_refuses_a_film_with_both_a_file_and_an_address() -> None:
    film = FilmPage(
        title="Both",
        summary="x",
        credit="y",
        external_url="https://vimeo.com/1",
        video_file=SimpleUploadedFile("a.mp4", MP4_HEAD),
    )
    with pytest.raises(ValidationError):
        film.clean()


def test_it_refuses_a_film_from_a_host_not_on_the_list() -> None:
    film = FilmPage(title="Elsewhere", summary="x", credit="y", external_url="https://ex.com/v/1")
    with pytest.raises(ValidationError) as error:
        film.clean()
    assert "external_url" in error.value.message_dict


def test_it_shows_galleries_and_films_in_the_home_gallery_block(
    client: Client, gallery_index
) -> None:
    factories.make_photo_gallery(gallery_index, "Night fishing")
    html = client.get("/").content.decode()
    assert 'id="block-gallery"' in html and "Night fishing" in html
    factories.make_film(gallery_index, "River crossing")
    assert "River crossing" in client.get("/").content.decode()


def test_it_drops_an_unpublished_gallery_from_the_home_block_at_once(
    client: Client, gallery_index
) -> None:
    gallery = factories.make_photo_gallery(gallery_index, "Winter roads")
    assert "Winter roads" in client.get("/").content.decode()
    gallery.unpublish()
    assert "Winter roads" not in client.get("/").content.decode()


def test_it_shows_a_topics_galleries_on_the_topic_page(
    client: Client, gallery_index, topic_index
) -> None:
    topic = factories.make_topic(topic_index, "Water")
    factories.make_photo_gallery(gallery_index, "Wells of the south", topics=[topic])
    factories.make_photo_gallery(gallery_index, "Unrelated pictures")
    html = client.get(topic.url).content.decode()
    assert "Wells of the south" in html and "Unrelated pictures" not in html


def test_it_shows_a_photo_gallery_inside_an_article_body(
    client: Client, gallery_index, news
) -> None:
    gallery = factories.make_photo_gallery(gallery_index, "Market day")
    article = factories.make_article(
        news,
        body=[{"type": "gallery", "value": {"gallery": gallery.pk, "caption": "See the essay"}}],
    )
    html = client.get(article.url).content.decode()
    assert f'href="{gallery.url}"' in html and "Market day" in html and "See the essay" in html


def test_it_shows_only_galleries_in_the_home_pages_language(
    client: Client, home, gallery_index
) -> None:
    persian, _created = Locale.objects.get_or_create(language_code="fa")
    persian_home = home.copy_for_translation(persian)
    persian_home.save_revision().publish()
    persian_index = gallery_index.copy_for_translation(persian)
    persian_index.save_revision().publish()
    factories.make_photo_gallery(gallery_index, "English essay")
    factories.make_photo_gallery(persian_index, "Persian essay")
    html = client.get("/").content.decode()
    assert "English essay" in html and "Persian essay" not in html


def test_a_film_we_host_is_described_as_a_video_object_google_accepts(
    client: Client, gallery_index
) -> None:
    video = SimpleUploadedFile("clip.webm", WEBM_HEAD, content_type="video/webm")
    film = factories.make_film(gallery_index, video_file=video, duration_seconds=75)
    film.cover = factories.ImageFactory()
    film.save_revision().publish()

    page = client.get(film.url).content

    (block,) = jsonld.blocks(page)
    assert json.loads(block)["@type"] == "VideoObject"
    assert jsonld.check_page(page, film.get_site().root_url) == []


@pytest.mark.parametrize(
    ("title", "summary", "lead"),
    [
        ("Dam talks stall", "Dam talks stall. The delta waits.", "The delta waits."),
        ("Dam talks stall.", "Dam talks stall. The delta waits.", "The delta waits."),
        ("Dam talks stall", "Dam talks stall", "Dam talks stall"),  # nothing else to say
        ("Dam talks stall", "Talks on the dam stall again.", "Talks on the dam stall again."),
    ],
)
def test_a_films_lead_does_not_repeat_its_title(title: str, summary: str, lead: str) -> None:
    assert FilmPage(title=title, summary=summary).lead == lead
