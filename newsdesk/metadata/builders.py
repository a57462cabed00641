"""Page metadata: canonical address, description, Open Graph and Twitter card tags, and
schema.org JSON-LD (NewsArticle, LiveBlogPosting, BreadcrumbList, WebSite, CollectionPage).

Built from what the page's view already put in the template context; the only query of
its own is the breadcrumb trail of an article.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.images.models import AbstractRendition
from wagtail.models import Page, Site

from newsdesk.articles.models import SHARE_IMAGE_FILTERS, ArticlePage
from newsdesk.core import fragments, invalidation, params, sites, visibility
from newsdesk.core.pagination import PAGE_SIZE
from newsdesk.core.templatetags.static_urls import url_for
from newsdesk.gallery.models import FilmPage
from newsdesk.home.models import HomePage
from newsdesk.lib.times import machine_time
from newsdesk.live.models import LivePage, parse_text
from newsdesk.people.models import Person
from newsdesk.topics.models import TopicPage

from . import selectors

# A template context, flattened: names to values.
Context = Mapping[Any, Any]
SCHEMA = "https://schema.org"
# Google shows at most this much of a headline; longer ones are rejected.
HEADLINE_LIMIT = 110
DESCRIPTION_LIMIT = 300


@dataclass
class Picture:
    url: str
    width: int
    height: int
    alt: str


@dataclass
class Metadata:
    canonical: str
    title: str
    description: str
    og_type: str = "website"
    picture: Picture | None = None
    article_times: dict[str, str] = field(default_factory=dict)
    article_section: str = ""
    article_tags: list[str] = field(default_factory=list)
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    # (hreflang, absolute address) of every language version, itself and x-default.
    alternates: list[tuple[str, str]] = field(default_factory=list)


def site_root(request: HttpRequest) -> str:
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


def absolute(request: HttpRequest, url: str) -> str:
    return url if "://" in url else f"{site_root(request)}{url}"


def canonical_for(request: HttpRequest, page: Page | None) -> str:
    """The page's own address; a later page of a list keeps its ?page= (it is its own page)."""
    url = (page.get_full_url(request) if page is not None else None) or absolute(
        request, request.path
    )
    number = _query(request, page).values.get("page", 1)
    if number > 1:
        url = f"{url}?page={number}"
    return url


def _query(request: HttpRequest, page: Page | None) -> params.Query:
    """What the page (or, for views, the view) reads: parsed already, before it rendered."""
    match = request.resolver_match
    declared = page if page is not None else (match.func if match else None)
    return params.of(request, params.spec_of(declared))


def for_context(context: Context) -> Metadata | None:
    """The metadata of the page being rendered, built once per request."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_newsdesk_metadata"):
        metadata = _build(request, context)
        metadata.alternates = alternates(
            request, context.get("page"), context.get("language_versions")
        )
        request._newsdesk_metadata = metadata  # type: ignore[attr-defined]
    return request._newsdesk_metadata  # type: ignore[attr-defined]


def _build(request: HttpRequest, context: Context) -> Metadata:
    page = context.get("page")
    if isinstance(page, ArticlePage):
        return _article(request, page, context)
    if isinstance(page, TopicPage):
        return _topic(request, page)
    if isinstance(page, HomePage):
        return _home(request, page)
    if isinstance(page, FilmPage) and page.video_file:
        return _film(request, page)
    if isinstance(page, Page):
        text = getattr(page, "introduction", "") or page.search_description or page.title
        return Metadata(canonical_for(request, page), page.seo_title or page.title, text)
    return _listing(request, context)


def alternates(
    request: HttpRequest, page: Any, addresses: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """Every language version of the page a reader may see, itself among them, then
    x-default: the default language's version, or the page itself where there is none.

    A page's versions are its Wagtail translations; a view's (tag, author, archive,
    search) are its address under each language's prefix, or, in the languages where the
    view knows a version of its own (`addresses`: a tag's version in that language),
    that version's address."""
    if isinstance(page, Page):
        versions = _page_versions(request, page)
    else:
        versions = {
            code: absolute(
                request, (addresses or {}).get(code) or translate_url(request.path, code)
            )
            for code, _name in settings.LANGUAGES
        }
    if not versions:
        return []
    own = translation.get_language() or settings.LANGUAGE_CODE
    default = versions.get(settings.LANGUAGE_CODE) or versions.get(own)
    found = [(code, versions[code]) for code, _name in settings.LANGUAGES if code in versions]
    return [*found, ("x-default", default or found[0][1])]


def _page_versions(request: HttpRequest, page: Page) -> dict[str, str]:
    # Publishing, withdrawing or moving any translation renews this tag (core.invalidation).
    tag = invalidation.translations_tag(page)
    fragments.shows(tag)

    def find() -> dict[str, str]:
        fragments.shows(tag, sites.SITES_TAG)
        pages = visibility.visible(Page.objects.filter(translation_key=page.translation_key))
        versions = {}
        for version in pages.select_related("locale"):
            url = version.get_full_url(request)
            if url:
                versions[version.locale.language_code] = url
        return versions

    # Remembered apart from the page: a change elsewhere re-renders the page, not this.
    return fragments.remembered(f"{tag}:{site_root(request)}", find)


def description_for(context: Context) -> str:
    """The meta description of a page that does not write its own."""
    metadata = for_context(context)
    return metadata.description if metadata else ""


# Articles ------------------------------------------------------------------------------


def _article(request: HttpRequest, page: ArticlePage, context: Context) -> Metadata:
    canonical = canonical_for(request, page)
    description = _shorten(page.search_description or page.lead)
    authors: list[Person] = page.byline
    tags: list[Tag] = page.tag_list
    trail = selectors.breadcrumb_pages(page)
    section = trail[-1].title if len(trail) > 1 else ""
    crops = _crops(request, page)
    published, modified = page.publication_time, page.modified_at
    news_article: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": Truncator(page.title).chars(HEADLINE_LIMIT),
        "description": description,
        "image": [picture.url for picture in crops.values()],
        "datePublished": machine_time(published),
        "dateModified": machine_time(modified),
        "author": _authors(request, authors),
        "publisher": _publisher(request),
        "articleSection": section,
        "keywords": [tag.name for tag in tags],
        "isAccessibleForFree": True,
        "inLanguage": page.locale.language_code,
    }
    if page.dateline:
        news_article["dateline"] = page.dateline
    if not crops:
        del news_article["image"]
    if isinstance(page, LivePage):
        _live_blog(request, page, context, news_article)
    return Metadata(
        canonical=canonical,
        title=page.seo_title or page.title,
        description=description,
        og_type="article",
        picture=crops.get("16:9"),
        article_times={
            "published_time": machine_time(published),
            "modified_time": machine_time(modified),
        },
        article_section=section,
        article_tags=[tag.name for tag in tags],
        json_ld=[news_article, _breadcrumbs(request, [*trail, page])],
    )


def _live_blog(
    request: HttpRequest, page: LivePage, context: Context, node: dict[str, Any]
) -> None:
    """A live page is a LiveBlogPosting: its coverage times and the entries it shows
    (those the page's view already read: no query of its own)."""
    node["@type"] = "LiveBlogPosting"
    if page.coverage_start is not None:
        node["coverageStartTime"] = machine_time(page.coverage_start)
    if page.coverage_ended_at is not None:
        node["coverageEndTime"] = machine_time(page.coverage_ended_at)
    coverage = context.get("coverage")
    if coverage is None:
        return
    shown = [coverage.pinned] if coverage.pinned is not None else []
    shown += coverage.page.object_list
    updates = []
    for entry in shown:
        words = entry.headline or parse_text(entry.text) or entry.quote or page.title
        update: dict[str, Any] = {
            "@type": "BlogPosting",
            "headline": Truncator(words).chars(HEADLINE_LIMIT),
            "url": f"{node['url']}#{entry.anchor}",
            "datePublished": machine_time(entry.posted_at),
            "author": _authors(request, [entry.author]),
        }
        if entry.corrected_at is not None:
            update["dateModified"] = machine_time(entry.corrected_at)
        updates.append(update)
    if updates:
        node["liveBlogUpdate"] = updates
        newest = max(entry.corrected_at or entry.posted_at for entry in shown)
        if page.modified_at is None or newest > page.modified_at:
            node["dateModified"] = machine_time(newest)


def _authors(request: HttpRequest, authors: list[Person]) -> list[dict[str, str]]:
    if not authors:  # unsigned copy is the publisher's
        org = _publisher(request)
        return [{"@type": "Organization", "name": org["name"], "url": org["url"]}]
    return [
        {"@type": "Person", "name": p.name, "url": absolute(request, p.get_absolute_url())}
        for p in authors
    ]


def _crops(request: HttpRequest, page: ArticlePage) -> dict[str, Picture]:
    """The hero picture in every shape search engines want (prefetched by the page)."""
    image = page.hero
    if image is None:
        return {}
    return {
        shape: _picture(request, image.get_rendition(spec), page.hero_alt)
        for shape, spec in SHARE_IMAGE_FILTERS.items()
    }


def _picture(request: HttpRequest, rendition: AbstractRendition, alt: str) -> Picture:
    return Picture(absolute(request, rendition.url), rendition.width, rendition.height, alt)


def _breadcrumbs(request: HttpRequest, trail: list[Page]) -> dict[str, Any]:
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": sites.site_name(request) if position == 1 else crumb.title,
                "item": crumb.get_full_url(request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def _publisher(request: HttpRequest) -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": sites.site_name(request),
        "url": f"{site_root(request)}/",
        "logo": {
            "@type": "ImageObject",
            "url": absolute(request, url_for("newsdesk/publisher-logo.png")),
            "width": 512,
            "height": 512,
        },
    }


# Films ---------------------------------------------------------------------------------


def _film(request: HttpRequest, page: FilmPage) -> Metadata:
    """A film we host: a VideoObject with what Google requires (name, thumbnail, upload
    date) and recommends (description, the file, duration). An external film has none:
    its host describes it, and our page names that host only in its link (the facade)."""
    canonical = canonical_for(request, page)
    description = _shorten(page.search_description or page.summary)
    poster = (
        _picture(request, page.cover.get_rendition(SHARE_IMAGE_FILTERS["16:9"]), page.cover_alt)
        if page.cover
        else None
    )
    video: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "VideoObject",
        "name": page.title,
        "description": description,
        "url": canonical,
        "uploadDate": machine_time(page.published_at or page.first_published_at),
        "contentUrl": absolute(request, page.video_file.url),
        "publisher": _publisher(request),
    }
    if poster is not None:
        video["thumbnailUrl"] = [poster.url]
    if page.duration_seconds:
        video["duration"] = f"PT{page.duration_seconds}S"
    return Metadata(
        canonical,
        page.seo_title or page.title,
        description,
        og_type="video.other",
        picture=poster,
        json_ld=[video],
    )


# Topics, the home page and other listings --------------------------------------------


def _topic(request: HttpRequest, page: TopicPage) -> Metadata:
    canonical = canonical_for(request, page)
    description = _shorten(page.search_description or page.description)
    # The dossier's first page, as readers see it: pinned stories, then the newest.
    fragments.shows(f"list:topic:{page.pk}")
    pinned = page.pinned_list
    newest = page.articles().exclude(pk__in=[a.pk for a in pinned])[:PAGE_SIZE]
    listed = [*pinned, *newest]
    fragments.shows(*(f"page:{article.pk}" for article in listed))
    collection = {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "url": canonical,
        "name": page.title,
        "description": description,
        "isPartOf": {
            "@type": "WebSite",
            "url": f"{site_root(request)}/",
            "name": sites.site_name(request),
        },
        "inLanguage": page.locale.language_code,
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "url": article.get_full_url(request)}
                for n, article in enumerate(listed, start=1)
            ],
        },
    }
    return Metadata(canonical, page.seo_title or page.title, description, json_ld=[collection])


def _home(request: HttpRequest, page: HomePage) -> Metadata:
    root = f"{site_root(request)}/"
    description = _shorten(page.search_description or page.tagline or sites.site_name(request))
    website: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "WebSite",
        "url": root,
        "name": sites.site_name(request),
        "inLanguage": page.locale.language_code,
        "publisher": _publisher(request),
    }
    search = _search_url()
    if search is not None:  # only once the site has a search page to send people to
        website["potentialAction"] = {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(request, f"{search}?q={{search_term_string}}"),
            },
            "query-input": "required name=search_term_string",
        }
    return Metadata(
        canonical_for(request, page), sites.site_name(request), description, json_ld=[website]
    )


def _search_url() -> str | None:
    try:
        return reverse("search")
    except NoReverseMatch:
        return None


def _listing(request: HttpRequest, context: Context) -> Metadata:
    tag, person = context.get("tag"), context.get("person")
    if isinstance(tag, Tag):
        title, text = tag.name, _("Stories tagged %(tag)s.") % {"tag": tag.name}
    elif isinstance(person, Person):
        title = person.name
        text = person.bio or person.role or _("Stories by %(name)s.") % {"name": person.name}
    else:
        title = str(context.get("title", sites.site_name(request)))
        text = title
    return Metadata(canonical_for(request, None), title, _shorten(text))


def _shorten(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LIMIT)
