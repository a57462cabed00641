"""`{% newsletter_form %}` (the language's daily digest, in the footer) and
`{% newsletter_form page %}` (a section's or topic's stories): the same for every reader,
so the page around it stays in the page cache (decision 0029). No query."""

from __future__ import annotations

from typing import Any

from django import template
from wagtail.models import Page

from newsdesk.newsletters.selectors import PAGE_MODELS

register = template.Library()


@register.inclusion_tag("newsletters/form.html")
def newsletter_form(page: Page | None = None) -> dict[str, Any]:
    kind = next((k for k, model in PAGE_MODELS.items() if isinstance(page, model)), None)
    if page is None or kind is None:
        return {"value": "digest", "prefix": "newsletter-footer", "page": None}
    return {"value": f"{kind}:{page.pk}", "prefix": f"newsletter-{page.pk}", "page": page}
