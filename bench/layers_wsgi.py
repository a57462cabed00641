"""newsdesk.wsgi without the WSGI fast path (bench/layers.py, variant without `fastpath`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.layers_settings")

django_application = get_wsgi_application()

from newsdesk.core.media import with_media  # noqa: E402

application = with_media(django_application)
