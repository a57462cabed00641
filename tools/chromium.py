"""Debian's Chromium, as the browser tests and the screenshot tool launch it.

Never a browser that Playwright downloads. The flags keep it from calling out to other
hosts (background networking, component updates), which this project never does.
"""

from __future__ import annotations

import os
import shutil

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
