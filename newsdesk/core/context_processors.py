from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from . import sites


def site_chrome(request: HttpRequest) -> dict:
    """What every page's header and footer need: the site name in the page's language,
    the address of that language's home page and the text direction."""
    return {
        "home_url": _home_url(),
        "site_name": sites.site_name(request),
        "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
    }


def _home_url() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
