from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Ticker


class TickerViewSet(SnippetViewSet):
    model = Ticker
    icon = "warning"
    menu_label = _("Ticker")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["text", "locale", "live", "expire_at"]
    list_filter = ["locale", "live"]


register_snippet(TickerViewSet)
