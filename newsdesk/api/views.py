"""The endpoints: each reads through selectors, pages with a keyset cursor, presents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.params.functions import Path

from newsdesk.articles import selectors as articles
from newsdesk.articles.models import ArticlePage
from newsdesk.gallery.models import FilmPage, PhotoGalleryPage
from newsdesk.people.models import Person
from newsdesk.topics.models import TopicPage

from . import pagination, schemas, selectors
from .present import (
    ARTICLE_RENDITIONS,
    CARD_RENDITIONS,
    PHOTO_RENDITIONS,
    TOPIC_RENDITIONS,
    Presenter,
)

router = Router()

# Pages in the order they went live, newest first: a page never changes its place, so
# pages of results stay stable while the newsroom publishes.
NEWEST_FIRST = pagination.Ordering("first_published_at", descending=True, is_datetime=True)
BY_NAME = pagination.Ordering("name", descending=False, is_datetime=False)
BY_TITLE = pagination.Ordering("title", descending=False, is_datetime=False)

Id = Annotated[int, Path(..., ge=1, le=pagination.MAX_ID, description="The item's id.")]
NOT_FOUND = {400: schemas.Problem, 404: schemas.Problem}
BAD_REQUEST = {400: schemas.Problem}


def _language(params: schemas.ListParams) -> str | None:
    return params.language.value if params.language else None


def _listing(
    request: HttpRequest,
    params: schemas.ListParams,
    items: QuerySet,
    ordering: pagination.Ordering,
    present: Callable[[list[Any]], list[dict[str, Any]]],
) -> dict[str, Any]:
    cursor = pagination.decode(params.cursor, ordering) if params.cursor else None
    page = pagination.paginate(items, ordering, cursor, params.page_size)
    return {
        "items": present(page.items),
        "next": _link(request, page.next),
        "previous": _link(request, page.previous),
    }


def _link(request: HttpRequest, cursor: pagination.Cursor | None) -> str | None:
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor.encode()
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _one(items: QuerySet, pk: int) -> Any:
    """The item `pk` among `items` (pages that readers may see), or a 404."""
    found = items.filter(pk=pk).first()
    if found is None:
        raise Http404("No such item, or it is not published.")
    return found


# Articles --------------------------------------------------------------------------------


@router.get(
    "/articles/",
    response={200: schemas.ArticleList, **BAD_REQUEST},
    url_name="articles",
    tags=["articles"],
    summary="Published articles, newest first",
)
def list_articles(request: HttpRequest, params: Query[schemas.ArticleParams]) -> dict[str, Any]:
    found = selectors.article_details(
        selectors.articles_matching(params), list(CARD_RENDITIONS.values())
    )
    presenter = Presenter(request)

    def present(items: list[ArticlePage]) -> list[dict[str, Any]]:
        sections = articles.sections_of(items)
        return [presenter.article(article, sections) for article in items]

    return _listing(request, params, found, NEWEST_FIRST, present)


@router.get(
    "/articles/{article_id}/",
    response={200: schemas.ArticleDetail, **NOT_FOUND},
    url_name="article",
    tags=["articles"],
    summary="One published article, with its text",
)
def get_article(request: HttpRequest, article_id: Id) -> dict[str, Any]:
    found = selectors.article_details(
        selectors.visible(ArticlePage.objects.all()), list(ARTICLE_RENDITIONS.values())
    )
    article = _one(NEWEST_FIRST.placed(found), article_id)
    return Presenter(request).article(article, articles.sections_of([article]), detail=True)


# Topics, authors, tags -------------------------------------------------------------------


@router.get(
    "/topics/",
    response={200: schemas.TopicList, **BAD_REQUEST},
    url_name="topics",
    tags=["topics"],
    summary="In Focus topics, by title",
)
def list_topics(request: HttpRequest, params: Query[schemas.ListParams]) -> dict[str, Any]:
    found = selectors.topics_in(_language(params), list(TOPIC_RENDITIONS.values()))
    presenter = Presenter(request)
    return _listing(
        request, params, found, BY_TITLE, lambda items: [presenter.topic(t) for t in items]
    )


@router.get(
    "/topics/{topic_id}/",
    response={200: schemas.Topic, **NOT_FOUND},
    url_name="topic",
    tags=["topics"],
    summary="One In Focus topic",
)
def get_topic(request: HttpRequest, topic_id: Id) -> dict[str, Any]:
    topic: TopicPage = _one(selectors.topics_in(None, list(TOPIC_RENDITIONS.values())), topic_id)
    return Presenter(request).topic(topic)


@router.get(
    "/authors/",
    response={200: schemas.AuthorList, **BAD_REQUEST},
    url_name="authors",
    tags=["authors"],
    summary="Authors, by name",
)
def list_authors(request: HttpRequest, params: Query[schemas.ListParams]) -> dict[str, Any]:
    found = selectors.authors_in(_language(params), list(PHOTO_RENDITIONS.values()))
    presenter = Presenter(request)
    return _listing(
        request, params, found, BY_NAME, lambda items: [presenter.author(p) for p in items]
    )


@router.get(
    "/authors/{author_id}/",
    response={200: schemas.Author, **NOT_FOUND},
    url_name="author",
    tags=["authors"],
    summary="One author",
)
def get_author(request: HttpRequest, author_id: Id) -> dict[str, Any]:
    person: Person = _one(selectors.authors_in(None, list(PHOTO_RENDITIONS.values())), author_id)
    return Presenter(request).author(person)


@router.get(
    "/tags/",
    response={200: schemas.TagList, **BAD_REQUEST},
    url_name="tags",
    tags=["tags"],
    summary="Tags of published articles, by name",
)
def list_tags(request: HttpRequest, params: Query[schemas.ListParams]) -> dict[str, Any]:
    found = selectors.tags_in(_language(params))
    presenter = Presenter(request)
    return _listing(
        request, params, found, BY_NAME, lambda items: [presenter.tag(t) for t in items]
    )


# Galleries and films ---------------------------------------------------------------------


@router.get(
    "/galleries/",
    response={200: schemas.GalleryList, **BAD_REQUEST},
    url_name="galleries",
    tags=["galleries"],
    summary="Photo galleries, newest first",
)
def list_galleries(request: HttpRequest, params: Query[schemas.ListParams]) -> dict[str, Any]:
    found = selectors.galleries_in(_language(params), list(CARD_RENDITIONS.values()))
    presenter = Presenter(request)
    return _listing(
        request, params, found, NEWEST_FIRST, lambda items: [presenter.gallery(g) for g in items]
    )


@router.get(
    "/galleries/{gallery_id}/",
    response={200: schemas.GalleryDetail, **NOT_FOUND},
    url_name="gallery",
    tags=["galleries"],
    summary="One photo gallery, with its pictures",
)
def get_gallery(request: HttpRequest, gallery_id: Id) -> dict[str, Any]:
    found = selectors.galleries_in(None, list(CARD_RENDITIONS.values()))
    page: PhotoGalleryPage = _one(NEWEST_FIRST.placed(found), gallery_id)
    return Presenter(request).gallery(page, pictures=page.pictures())


@router.get(
    "/films/",
    response={200: schemas.FilmList, **BAD_REQUEST},
    url_name="films",
    tags=["films"],
    summary="Films, newest first",
)
def list_films(request: HttpRequest, params: Query[schemas.ListParams]) -> dict[str, Any]:
    found = selectors.films_in(_language(params), list(CARD_RENDITIONS.values()))
    presenter = Presenter(request)
    return _listing(
        request, params, found, NEWEST_FIRST, lambda items: [presenter.film(f) for f in items]
    )


@router.get(
    "/films/{film_id}/",
    response={200: schemas.Film, **NOT_FOUND},
    url_name="film",
    tags=["films"],
    summary="One film",
)
def get_film(request: HttpRequest, film_id: Id) -> dict[str, Any]:
    found = selectors.films_in(None, list(CARD_RENDITIONS.values()))
    page: FilmPage = _one(NEWEST_FIRST.placed(found), film_id)
    return Presenter(request).film(page)
