"""Editor panels of articles: a plain notice at the top of an embargoed article."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import Panel


class EmbargoNotice(Panel):
    """Says, above everything else in the editor, that the article is under embargo and
    until when (in the editor's time zone, which the admin runs in)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/embargo_notice.html"

        def is_shown(self) -> bool:
            return bool(getattr(self.instance, "embargo_until", None)) and bool(
                self.instance.is_embargoed()
            )

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["embargo_until"] = self.instance.embargo_until
            return context
