"""A stock Wagtail site to measure newsdesk against (bench/load.py).

Generated into the data folder at bench time by Wagtail's own `wagtail start` (the project
template of the installed Wagtail, so the same Wagtail and Django as newsdesk), plus the
article page of the Wagtail tutorial (blog/) and settings that serve it like production
(local_settings.py). Only these additions live here; see generate.py.
"""
