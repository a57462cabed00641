"""The demo's About, Contact and Privacy pages (information pages, linked from the footer).

The text is the demo outlet's; a real site's editors rewrite it in the admin (Pages)."""

from __future__ import annotations

from newsdesk.home.models import HomePage, InfoPage

INFO_PAGES = [
    (
        "about",
        "About us",
        "An independent newsroom reporting the region for the people who live in it.",
        "<h2>Who we are</h2><p>Our correspondents report from the capitals and the "
        "provinces of the region, in English, Arabic and Persian. Our editors check every "
        "story before it is published and say when one is changed.</p>"
        "<h2>How we work</h2><ul><li>News says what happened and who says so.</li>"
        "<li>Analysis explains why it matters, and is marked as analysis.</li>"
        "<li>Opinion is the writer's own and is marked as opinion.</li></ul>",
    ),
    (
        "contact",
        "Contact",
        "How to reach the newsroom, send a correction or a tip.",
        "<h2>Corrections</h2><p>If we got something wrong, tell us: write to "
        "corrections@example.org with the address of the story.</p>"
        "<h2>Tips</h2><p>Write to tips@example.org. We never publish a source's name "
        "without their agreement.</p>",
    ),
    (
        "privacy",
        "Privacy",
        "What we keep about readers and commenters, and for how long.",
        "<h2>Reading</h2><p>This site sets no cookies for readers and loads nothing from "
        "other companies. We count how often each story is read without storing your "
        "address.</p><h2>Comments</h2><p>When you comment we keep your name, your email "
        "address and your text. Your email is never shown to other readers; we use it only "
        "to tell you about replies if you ask us to, and to stop one address from flooding "
        "the comments. We keep no internet address, only a one-way code of your network "
        "that cannot be turned back into it.</p><p>To see or erase what we keep under your "
        "email, write to privacy@example.org: an editor exports or erases it.</p>",
    ),
]


def build_info_pages(home: HomePage) -> list[InfoPage]:
    """Publish the information pages under `home` (once: existing slugs are left alone)."""
    made = []
    existing = set(InfoPage.objects.child_of(home).values_list("slug", flat=True))
    for slug, title, introduction, body in INFO_PAGES:
        if slug in existing:
            continue
        page = InfoPage(title=title, slug=slug, introduction=introduction, body=body)
        home.add_child(instance=page)
        page.save_revision().publish()
        made.append(page)
    return made
