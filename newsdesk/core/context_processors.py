from django.conf import settings
from django.http import HttpRequest
from django.utils import translation


def site_chrome(request: HttpRequest) -> dict:
    """What every page's header and footer need: the site name and the text direction."""
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
    }
