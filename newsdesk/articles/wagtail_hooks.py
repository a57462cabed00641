"""Tags in the admin: editors rename a tag (its address stays), merge typos by deleting one,
and link a tag to its versions in the other languages (decision 0024)."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import TagTranslation, TagVersion


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = _("Tags")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]
    # The slug is the tag page's address: set once from the first name, kept on renames.
    panels = [FieldPanel("name")]


class TagTranslationViewSet(SnippetViewSet):
    """ "Syria" in English is «سوريا» in Arabic: one row per language."""

    model = TagTranslation
    icon = "globe"
    menu_label = _("Tag translations")
    list_display = ["__str__"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # Each row's name lists its tags: fetched with the rows, not one query a row.
        versions = TagVersion.objects.select_related("tag").order_by("locale_id")
        return TagTranslation.objects.prefetch_related(Prefetch("versions", queryset=versions))


class TagsGroup(SnippetViewSetGroup):
    items = (TagViewSet, TagTranslationViewSet)
    menu_icon = "tag"
    menu_label = _("Tags")
    menu_order = 210


register_snippet(TagsGroup)
