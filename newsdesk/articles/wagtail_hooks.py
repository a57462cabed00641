"""Tags in the admin: editors rename a tag (its address stays), merge typos by deleting one."""

from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = _("Tags")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]
    # The slug is the tag page's address: set once from the first name, kept on renames.
    panels = [FieldPanel("name")]


register_snippet(TagViewSet)
