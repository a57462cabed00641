"""The endpoints: each reads through selectors, pages with a keyset cursor, presents.

Every kind of item has the same two endpoints, a list and one item by id, so each kind is
described once (a `Resource`) and `expose()` makes its endpoints.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.params.functions import Path

from newsdesk.articles.listings import LATEST as LATEST_ARTICLES
from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments, pagecache
from newsdesk.gallery.selectors import LATEST as LATEST_GALLERIES

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
# The operation ids the document has always had (clients generate method names from them).
OPERATION_ID = "newsdesk_api_views_{}"

Present = Callable[[Presenter, Any], dict[str, Any]]


@dataclass(frozen=True)
class Detail:
    """`/<plural>/{<singular>_id}/`: one item among those readers may see, or a 404."""

    schema: type[Schema]
    summary: str
    items: Callable[[], QuerySet]
    present: Present


@dataclass(frozen=True)
class Resource:
    """`/<plural>/`: the items matching the parameters, a page at a time, in `ordering`."""

    plural: str
    singular: str
    ordering: pagination.Ordering
    schema: type[Schema]
    summary: str
    items: Callable[[Any], QuerySet]
    present: Callable[[Presenter, list[Any]], list[dict[str, Any]]]
    # The tags the list changes with (an item published, withdrawn, moved: see answers.py).
    changes_with: tuple[str, ...]
    # What one item's tag starts with: "page" (`page:<id>`) or "person".
    item_tag: str = "page"
    params: type[schemas.ListParams] = schemas.ListParams
    detail: Detail | None = None


def expose(resource: Resource) -> None:
    """Add the resource's list endpoint, and its detail endpoint if it has one."""
    _add_list(resource)
    if resource.detail is not None:
        _add_detail(resource, resource.detail)


def _add_list(resource: Resource) -> None:
    def endpoint(request: HttpRequest, params: schemas.ListParams) -> dict[str, Any]:
        # Before reading: an item published meanwhile makes the kept answer stale at once.
        fragments.shows(*resource.changes_with, list_wide=True)
        presenter = Presenter(request)
        found = _listing(
            request,
            params,
            resource.items(params),
            resource.ordering,
            lambda items: resource.present(presenter, items),
        )
        fragments.shows(*presenter.shown)
        return found

    # A parameter type chosen at run time, which mypy cannot follow.
    _declare(endpoint, params=Query[resource.params])  # type: ignore[misc, name-defined]
    route = _route(resource, "", f"list_{resource.plural}", resource.plural)
    route({200: resource.schema, **BAD_REQUEST}, resource.summary, endpoint)


def _add_detail(resource: Resource, detail: Detail) -> None:
    id_name = f"{resource.singular}_id"

    def endpoint(request: HttpRequest, **path: int) -> dict[str, Any]:
        pk = path[id_name]
        fragments.shows(f"{resource.item_tag}:{pk}")
        presenter = Presenter(request)
        found = detail.present(presenter, _one(resource.ordering.placed(detail.items()), pk))
        fragments.shows(*presenter.shown)
        return found

    _declare(endpoint, **{id_name: Id})
    route = _route(resource, f"{{{id_name}}}/", f"get_{resource.singular}", resource.singular)
    route({200: detail.schema, **NOT_FOUND}, detail.summary, endpoint)


def _route(
    resource: Resource, path: str, operation: str, url_name: str
) -> Callable[[dict[int, Any], str, Callable[..., Any]], None]:
    """Adds an endpoint at `/<plural>/<path>`, filed under the resource's tag."""

    def add(responses: dict[int, Any], summary: str, endpoint: Callable[..., Any]) -> None:
        router.get(
            f"/{resource.plural}/{path}",
            response=responses,
            url_name=url_name,
            tags=[resource.plural],
            summary=summary,
            operation_id=OPERATION_ID.format(operation),
        )(endpoint)

    return add


def _declare(endpoint: Callable[..., Any], **params: Any) -> None:
    """Give `endpoint` the signature ninja reads its parameters from: the request, then
    `params` (name: annotation), so each resource's parameters keep their own names."""
    keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("request", keyword, annotation=HttpRequest),
            *(inspect.Parameter(name, keyword, annotation=kind) for name, kind in params.items()),
        ]
    )


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


def _each(present: Present) -> Callable[[Presenter, list[Any]], list[dict[str, Any]]]:
    return lambda presenter, items: [present(presenter, item) for item in items]


def _by_language(
    select: Callable[[str | None, list[str]], QuerySet], renditions: dict[str, str]
) -> tuple[Callable[[Any], QuerySet], Callable[[], QuerySet]]:
    """A list's items in the `language` asked for, and one item's among all languages."""
    images = list(renditions.values())
    return (lambda params: select(_language(params), images)), (lambda: select(None, images))


TOPICS, ONE_TOPIC = _by_language(selectors.topics_in, TOPIC_RENDITIONS)
AUTHORS, ONE_AUTHOR = _by_language(selectors.authors_in, PHOTO_RENDITIONS)
GALLERIES, ONE_GALLERY = _by_language(selectors.galleries_in, CARD_RENDITIONS)
FILMS, ONE_FILM = _by_language(selectors.films_in, CARD_RENDITIONS)


def _articles(params: schemas.ArticleParams) -> QuerySet:
    found = selectors.articles_matching(params)
    return selectors.article_details(found, list(CARD_RENDITIONS.values()))


def _one_article() -> QuerySet:
    found = ArticlePage.objects.visible()
    return selectors.article_details(found, list(ARTICLE_RENDITIONS.values()))


# In the order of the OpenAPI document.
RESOURCES = (
    Resource(
        "articles",
        "article",
        NEWEST_FIRST,
        schemas.ArticleList,
        "Published articles, newest first",
        _articles,
        Presenter.articles,
        (LATEST_ARTICLES,),
        params=schemas.ArticleParams,
        detail=Detail(
            schemas.ArticleDetail,
            "One published article, with its text",
            _one_article,
            Presenter.article_with_text,
        ),
    ),
    Resource(
        "topics",
        "topic",
        BY_TITLE,
        schemas.TopicList,
        "In Focus topics, by title",
        TOPICS,
        _each(Presenter.topic),
        (pagecache.ADDRESSES,),  # a topic published or withdrawn: no tag of its own
        detail=Detail(schemas.Topic, "One In Focus topic", ONE_TOPIC, Presenter.topic),
    ),
    Resource(
        "authors",
        "author",
        BY_NAME,
        schemas.AuthorList,
        "Authors, by name",
        AUTHORS,
        _each(Presenter.author),
        (LATEST_ARTICLES,),  # changed by any article published and any person saved
        "person",
        detail=Detail(schemas.Author, "One author", ONE_AUTHOR, Presenter.author),
    ),
    Resource(
        "tags",
        "tag",
        BY_NAME,
        schemas.TagList,
        "Tags of published articles, by name",
        lambda params: selectors.tags_in(_language(params)),
        _each(Presenter.tag),
        (LATEST_ARTICLES,),
    ),
    Resource(
        "galleries",
        "gallery",
        NEWEST_FIRST,
        schemas.GalleryList,
        "Photo galleries, newest first",
        GALLERIES,
        _each(Presenter.gallery),
        (LATEST_GALLERIES,),
        detail=Detail(
            schemas.GalleryDetail,
            "One photo gallery, with its pictures",
            ONE_GALLERY,
            Presenter.gallery_with_pictures,
        ),
    ),
    Resource(
        "films",
        "film",
        NEWEST_FIRST,
        schemas.FilmList,
        "Films, newest first",
        FILMS,
        _each(Presenter.film),
        (LATEST_GALLERIES,),
        detail=Detail(schemas.Film, "One film", ONE_FILM, Presenter.film),
    ),
)
for resource in RESOURCES:
    expose(resource)
