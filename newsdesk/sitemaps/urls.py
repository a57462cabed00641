from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("sitemaps/pages.xml", views.pages_sitemap, name="sitemap-pages"),
    path("sitemaps/articles-<int:number>.xml", views.articles_sitemap, name="sitemap-articles"),
    path("sitemaps/news.xml", views.news_sitemap, name="sitemap-news"),
]
