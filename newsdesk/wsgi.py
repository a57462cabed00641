import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")

django_application = get_wsgi_application()

# Imported once Django is set up: the fast path reads settings and the cache.
from newsdesk.core.fastpath import PageCacheHits  # noqa: E402
from newsdesk.core.media import with_media  # noqa: E402

# Uploaded media first, with their own security headers (newsdesk/core/media.py); then
# page-cache hits, answered before Django runs (newsdesk/core/fastpath.py).
application = with_media(PageCacheHits(django_application))
