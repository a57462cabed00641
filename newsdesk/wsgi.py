import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")

django_application = get_wsgi_application()

# Imported once Django is set up: the fast path reads settings and the cache.
from newsdesk.core.fastpath import PageCacheHits  # noqa: E402

# Page-cache hits are answered before Django runs (see newsdesk/core/fastpath.py).
application = PageCacheHits(django_application)
