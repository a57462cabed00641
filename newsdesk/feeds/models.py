from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="globe")
class FeedSettings(BaseSiteSetting):
    """What the site's RSS, Atom and JSON feeds carry."""

    full_text = models.BooleanField(
        _("full text in feeds"),
        default=False,
        help_text=_(
            "Off: feeds carry each article's lead, and readers follow the link for the rest. "
            "On: feeds also carry the whole article."
        ),
    )

    class Meta:
        verbose_name = _("feeds")
