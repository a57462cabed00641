from __future__ import annotations

from django.urls import URLPattern, path

from . import views

# One robots.txt and one sitemap index per host, for every language.
urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
]

# Each language's sitemaps, inside its prefix (/sitemaps/..., /ar/sitemaps/..., ...): they
# list only that language's pages, and its news sitemap names its own publication.
language_urlpatterns: list[URLPattern] = [
    path("sitemaps/pages.xml", views.pages_sitemap, name="sitemap-pages"),
    path("sitemaps/articles-<int:number>.xml", views.articles_sitemap, name="sitemap-articles"),
    path("sitemaps/news.xml", views.news_sitemap, name="sitemap-news"),
]
