from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path, re_path, register_converter
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from newsdesk.api.api import api as content_api
from newsdesk.articles import views as article_views
from newsdesk.comments import urls as comment_urls
from newsdesk.core import views as core_views
from newsdesk.core.params import CONVERTERS
from newsdesk.search import views as search_views
from newsdesk.sitemaps import urls as sitemap_urls

# Parts of addresses are read by the parsers of newsdesk.lib.parse: a year is four ASCII
# digits, a month 1 to 12, a slug has no control characters. Anything else is a 404.
for _name, _converter in CONVERTERS.items():
    register_converter(_converter, _name)

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("analytics/", include("newsdesk.analytics.urls")),
    path("api/v1/map/", include("newsdesk.maps.urls")),
    # The content API: one address for every language (content has a `language` field).
    path("api/v1/", content_api.urls),
    # One robots.txt and one sitemap index per host, for every language.
    path("", include("newsdesk.sitemaps.urls")),
]

# Public pages: English at the root, other languages under /ar/, /fa/.
urlpatterns += i18n_patterns(
    # Tag and author slugs may be Persian or Arabic: not <slug:>, which is ASCII only.
    path("tags/<anyslug:slug>/", article_views.tag_detail, name="tag"),
    path("authors/<anyslug:slug>/", article_views.author_detail, name="author"),
    path("", include(comment_urls)),
    path("corrections/", article_views.corrections, name="corrections"),
    path("newsletters/", include("newsdesk.newsletters.urls")),
    path("archive/<year:year>/", article_views.archive, name="archive-year"),
    path("archive/<year:year>/<month:month>/", article_views.archive, name="archive-month"),
    path("archive/<year:year>/<month:month>/<day:day>/", article_views.archive, name="archive-day"),
    path("feeds/", include("newsdesk.feeds.urls")),
    path("search/", search_views.search, name="search"),
    *sitemap_urls.language_urlpatterns,
    # Wagtail's page URLs, with pages served through our faster routing and page
    # passwords counted against guessing (core.views.authenticate_with_password).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        core_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    *[
        pattern
        for pattern in wagtail_urls.urlpatterns[:-1]
        if getattr(pattern, "name", None) != "wagtailcore_authenticate_with_password"
    ],
    re_path(wagtail_urls.serve_pattern, core_views.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
