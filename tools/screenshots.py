"""Full-page screenshots of the reading site, for looking at the design.

    .venv/bin/python tools/screenshots.py            # writes var/screenshots/*.png
    .venv/bin/python tools/screenshots.py --fresh    # rebuilds the sample content first
    .venv/bin/python tools/screenshots.py --languages en,ar --pages gallery,film,film-hosted

It builds a small sample site (tools/sample_content.py, with generated pictures) in its own
SQLite database under var/screenshots/site/, serves it from this process, and photographs
home, an article, a topic dossier, a section, an author and a tag page, the Gallery (index,
a photo gallery, one picture's page, the open viewer, an external film and one we host) at
1280 and 375 pixels wide, in English (left to right), Persian and Arabic (right to left,
under /fa/ and /ar/), named page-device-language.png, plus the keyboard
focus on the skip link and the first section link. It prints any page that
is wider than the screen. Nothing may be fetched from other hosts: an attempt fails the
run. Uses Debian's Chromium and never downloads a browser. Persian and Arabic need a font with
Arabic script, e.g. Debian's fonts-noto-core (the site itself loads no fonts).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import migrated_template
from chromium import CHROMIUM, CHROMIUM_ARGS  # this script's folder is on sys.path
from playwright.sync_api import Page, Route, sync_playwright

PROJECT_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = PROJECT_DIR / "var" / "screenshots"
# The sample site's database, media and cache (CI gives the audit a folder of its own).
SITE_DIR = Path(os.environ.get("NEWSDESK_SAMPLE_SITE") or OUT_DIR / "site")
VIEWPORTS = {"desktop": (1280, 900), "phone": (375, 740)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fresh", action="store_true", help="rebuild the sample content")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where the PNG files go")
    parser.add_argument(
        "--languages", default="en,fa,ar", help="comma-separated languages (default: en,fa,ar)"
    )
    parser.add_argument(
        "--port", type=int, default=0, help="the port to serve on (default: any free one)"
    )
    parser.add_argument(
        "--pages", default="", help="comma-separated page names, e.g. gallery,film (default: all)"
    )
    args = parser.parse_args()
    args.out = args.out.resolve()  # printed relative to the project

    if args.fresh and SITE_DIR.exists():
        shutil.rmtree(SITE_DIR)
    (SITE_DIR / "static").mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    setup_django()
    # Only now may models be imported.
    from sample_content import ensure  # noqa: PLC0415

    addresses = {
        language: pages
        for language, pages in ensure().items()
        if language in args.languages.split(",")
    }
    if args.pages:
        wanted = args.pages.split(",")
        addresses = {
            language: {name: path for name, path in pages.items() if name in wanted}
            for language, pages in addresses.items()
        }
    base_url = serve(args.port)
    foreign = photograph(base_url, addresses, args.out)
    if foreign:
        print("Pages tried to load from other hosts:", *sorted(set(foreign)), sep="\n  ")
        sys.exit(1)


def setup_django() -> None:
    os.environ["NEWSDESK_DATA_DIR"] = str(SITE_DIR)
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings.dev"
    os.environ["DEBUG"] = "false"  # the real error pages and no debug toolbar-like extras
    sys.path[:0] = [str(PROJECT_DIR), str(Path(__file__).parent)]
    import django  # noqa: PLC0415 - the environment above must be set first
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    migrated_template.seed(SITE_DIR)  # CI's migrated database, when there is one
    call_command("migrate", verbosity=0, interactive=False)
    # Pages and parts kept by an earlier run show the templates of then: start afresh.
    from django.core.cache import caches  # noqa: PLC0415

    caches["default"].clear()


def serve(port: int = 0) -> str:
    """Serve the site, static files and media on `port` (0: a free one); return its address."""
    from django.conf import settings  # noqa: PLC0415
    from django.core.servers.basehttp import (  # noqa: PLC0415
        ThreadedWSGIServer,
        WSGIRequestHandler,
    )
    from whitenoise import WhiteNoise  # noqa: PLC0415

    from newsdesk.wsgi import application  # noqa: PLC0415

    # Renditions are made while pages render, so media files are looked up per request.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        app = WhiteNoise(application, autorefresh=True)
    app.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadedWSGIServer(("localhost", port), QuietHandler)
    server.set_app(app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://localhost:{server.server_address[1]}"


def photograph(base_url: str, addresses: dict[str, dict[str, str]], out: Path) -> list[str]:
    foreign: list[str] = []
    own_host = urlsplit(base_url).netloc

    def only_own_host(route: Route) -> None:
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for device, (width, height) in VIEWPORTS.items():
            context = browser.new_context(
                base_url=base_url,
                viewport={"width": width, "height": height},
                is_mobile=device == "phone",
                has_touch=device == "phone",
            )
            context.route("**/*", only_own_host)
            page = context.new_page()
            for language, pages in addresses.items():
                for name, path in pages.items():
                    shoot(page, path, out / f"{name}-{device}-{language}.png")
            for language, pages in addresses.items():
                if "gallery" in pages:
                    shoot_viewer(page, pages["gallery"], out / f"viewer-{device}-{language}.png")
                if "map" in pages:
                    shoot_popup(page, pages["map"], out / f"map-popup-{device}-{language}.png")
            page.goto("/")
            page.keyboard.press("Tab")
            page.screenshot(path=out / f"focus-skip-link-{device}.png")
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            page.screenshot(path=out / f"focus-section-link-{device}.png")
            context.close()
        browser.close()
    return foreign


def shoot_viewer(page: Page, path: str, target: Path) -> None:
    """The gallery's full-screen viewer, opened on the second picture."""
    page.goto(path, wait_until="networkidle")
    page.locator("[data-viewer-index='1']").click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=target)
    print(target.relative_to(PROJECT_DIR), path, "(viewer)")


def shoot_popup(page: Page, path: str, target: Path) -> None:
    """The map page with the popup of the newest event open (from the list's button)."""
    page.goto(path, wait_until="networkidle")
    # On a phone the list starts folded: open it to reach the button.
    page.locator("details[data-fold-on-phone]").evaluate("(details) => { details.open = true; }")
    page.locator(".map-event__show").first.click()
    page.locator(".leaflet-popup-content").wait_for()
    page.wait_for_timeout(500)  # the map's zoom animation
    page.screenshot(path=target)
    print(target.relative_to(PROJECT_DIR), path, "(popup)")


def shoot(page: Page, path: str, target: Path) -> None:
    response = page.goto(path, wait_until="networkidle")
    status = response.status if response else "?"
    # Pictures below the fold load lazily: load them all before the full-page picture.
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading='eager')")
    # And the parts drawn when they come into view (small maps).
    page.evaluate(
        """async () => {
          for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
            scrollTo(0, y);
            await new Promise((done) => setTimeout(done, 50));
          }
        }"""
    )
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    page.screenshot(path=target, full_page=True)
    notes = [f"HTTP {status}"] if status != 200 else []
    if overflow > 0:
        notes.append(f"{overflow}px wider than the screen")
    print(target.relative_to(PROJECT_DIR), path, *notes)


if __name__ == "__main__":
    main()
