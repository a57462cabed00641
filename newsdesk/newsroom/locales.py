"""Every content language of the site has a Wagtail Locale from the first migrate on,
so translating content later needs no data migration."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Locale


def ensure_locales() -> None:
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
