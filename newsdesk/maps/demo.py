# ruff: noqa: RUF001 - the Arabic and Persian demo sentences are meant to be in Arabic script
"""Demo map data: categories, a few hundred events over 60 days in Syria and Iraq, areas of
control that change once, and a map page under every home page.

Events are placed at gazetteer places (with a little jitter), written in each home page's
language from our own sentence patterns, and some link to demo articles and topics. The
areas are coarse illustrative shapes, not real lines of control.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.text import slugify

from newsdesk.articles.models import ArticlePage
from newsdesk.core.visibility import visible
from newsdesk.home.models import HomePage
from newsdesk.topics.models import TopicPage

from . import services
from .models import (
    ControlArea,
    Event,
    EventArticle,
    EventCategory,
    EventSource,
    EventTopic,
    MapPage,
    Place,
)

Log = Callable[[str], None]
EVENTS_PER_LANGUAGE = 300
DAYS = 60
PLACES_PER_COUNTRY = 120
LINKED_SHARE = 0.3


@dataclass(frozen=True)
class Kind:
    slug: str
    names: tuple[str, str, str]  # en, ar, fa
    color: str
    icon: str
    weight: int
    # Sentence patterns per language; {place} is the place's name in that language.
    titles: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


KINDS = (
    Kind(
        "airstrike",
        ("Airstrike", "غارة جوية", "حملهٔ هوایی"),
        "#c0392b",
        "airstrike",
        5,
        (
            ("Airstrike reported near {place}", "Aircraft hit a depot outside {place}"),
            ("غارة جوية قرب {place}", "طائرات تقصف مستودعاً خارج {place}"),
            ("گزارش حملهٔ هوایی نزدیک {place}", "هواپیماها انباری بیرون از {place} را هدف گرفتند"),
        ),
    ),
    Kind(
        "clashes",
        ("Clashes", "اشتباكات", "درگیری"),
        "#d35400",
        "clashes",
        5,
        (
            ("Clashes on the outskirts of {place}", "Fighting at a checkpoint near {place}"),
            ("اشتباكات في محيط {place}", "معارك عند حاجز قرب {place}"),
            ("درگیری در حومهٔ {place}", "نبرد در ایست بازرسی نزدیک {place}"),
        ),
    ),
    Kind(
        "shelling",
        ("Shelling", "قصف مدفعي", "گلوله‌باران"),
        "#8e44ad",
        "shelling",
        4,
        (
            ("Shelling hits residential area of {place}", "Artillery fire reported in {place}"),
            ("قصف يطال حياً سكنياً في {place}", "قصف مدفعي في {place}"),
            ("گلوله‌باران منطقهٔ مسکونی در {place}", "گزارش آتش توپخانه در {place}"),
        ),
    ),
    Kind(
        "territory",
        ("Territorial change", "تغير السيطرة", "تغییر کنترل"),
        "#16a085",
        "territory",
        2,
        (
            ("Control of {place} changes hands", "Forces enter {place}"),
            ("تغير السيطرة على {place}", "قوات تدخل {place}"),
            ("کنترل {place} دست به دست شد", "نیروها وارد {place} شدند"),
        ),
    ),
    Kind(
        "political",
        ("Political", "سياسي", "سیاسی"),
        "#2c3e50",
        "political",
        2,
        (
            ("Local council meets in {place}", "Talks on a ceasefire held in {place}"),
            ("اجتماع للمجلس المحلي في {place}", "محادثات حول وقف إطلاق النار في {place}"),
            ("نشست شورای محلی در {place}", "گفتگو دربارهٔ آتش‌بس در {place}"),
        ),
    ),
    Kind(
        "humanitarian",
        ("Humanitarian", "إنساني", "انسانی"),
        "#2980b9",
        "humanitarian",
        3,
        (
            ("Aid convoy reaches {place}", "Families displaced from {place}"),
            ("قافلة مساعدات تصل إلى {place}", "عائلات تنزح من {place}"),
            ("کاروان کمک به {place} رسید", "خانواده‌ها از {place} آواره شدند"),
        ),
    ),
)
LANGUAGES = ("en", "ar", "fa")
DESCRIPTIONS = {
    "en": "Reported by local sources and checked against other accounts.",
    "ar": "أفادت به مصادر محلية وتمت مقارنته بروايات أخرى.",
    "fa": "منابع محلی گزارش داده‌اند و با روایت‌های دیگر مقایسه شده است.",
}
MAP_PAGES = {
    "en": ("Map of Latest Developments", "Events in Syria and Iraq, verified by our newsroom."),
    "ar": ("خريطة آخر التطورات", "أحداث في سوريا والعراق تحققت منها غرفة الأخبار."),
    "fa": ("نقشهٔ آخرین تحولات", "رویدادهای سوریه و عراق، راستی‌آزمایی‌شده در تحریریهٔ ما."),
}
# Coarse demo shapes (west, south, east, north boxes bent a little): illustration only.
AREAS = (
    (
        ("Government forces", "القوات الحكومية", "نیروهای دولتی"),
        "#7f8c8d",
        [(35.7, 32.3), (37.6, 32.3), (38.6, 35.0), (37.3, 36.0), (35.9, 35.9)],
    ),
    (
        ("Opposition forces", "قوات المعارضة", "نیروهای مخالف"),
        "#27ae60",
        [(36.0, 35.6), (37.0, 35.7), (37.3, 36.7), (36.5, 36.8), (36.0, 36.3)],
    ),
    (
        ("Kurdish-led forces", "قوات بقيادة كردية", "نیروهای به رهبری کردها"),
        "#f1c40f",
        [(38.3, 35.7), (42.3, 36.2), (42.2, 37.2), (39.5, 36.8), (38.3, 36.6)],
    ),
    (
        ("Regional government", "حكومة الإقليم", "دولت اقلیم"),
        "#e67e22",
        [(42.8, 35.6), (45.9, 35.2), (46.0, 36.9), (44.0, 37.3), (42.8, 36.9)],
    ),
)
# The one party whose area shrinks between the two periods.
SHRINKING_PARTY = "Opposition forces"


def build_map(rng: random.Random, now: datetime, log: Log) -> None:
    """Everything at once, in one transaction: categories, pages, events, areas."""
    with transaction.atomic():
        categories = make_categories()
        homes = list(HomePage.objects.select_related("locale").order_by("path"))
        for home in homes:
            add_map_page(home)
        places = list(_places())
        total = 0
        for home in homes:
            language = home.locale.language_code
            if language in LANGUAGES:
                total += make_events(rng, now, home, categories, places)
        make_areas(now)
        services.forget_events()
    log(f"Built the map: {total} events, {len(AREAS)} areas of control, {len(homes)} map pages.")


def make_categories() -> dict[str, EventCategory]:
    categories = {}
    for order, kind in enumerate(KINDS):
        categories[kind.slug], _created = EventCategory.objects.update_or_create(
            slug=kind.slug,
            defaults={
                "name_en": kind.names[0],
                "name_ar": kind.names[1],
                "name_fa": kind.names[2],
                "color": kind.color,
                "icon": kind.icon,
                "sort_order": order,
            },
        )
    return categories


def add_map_page(home: HomePage) -> MapPage:
    existing = MapPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    language = home.locale.language_code
    title, intro = MAP_PAGES.get(language, MAP_PAGES["en"])
    page = MapPage(
        title=title,
        # In the page's own language under /ar/ and /fa/ (/ar/خريطة-آخر-التطورات/).
        slug="map" if language == "en" else slugify(title, allow_unicode=True),
        intro=intro,
        show_in_menus=True,
        locale=home.locale,
        center_latitude=35.0,
        center_longitude=40.5,
        zoom=6,
    )
    # Map pages of homes that translate each other translate each other too.
    translated = MapPage.objects.filter(
        locale__in=[h.locale for h in home.get_translations()]
    ).first()
    if translated is not None:
        page.translation_key = translated.translation_key
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _places() -> list[Place]:
    chosen: list[Place] = []
    for country in ("SY", "IQ"):
        chosen += Place.objects.filter(country=country).order_by("-population")[:PLACES_PER_COUNTRY]
    return chosen


def make_events(
    rng: random.Random,
    now: datetime,
    home: HomePage,
    categories: dict[str, EventCategory],
    places: list[Place],
) -> int:
    language = home.locale.language_code
    index = LANGUAGES.index(language)
    articles = list(
        ArticlePage.objects.visible()
        .filter(locale=home.locale)
        .order_by("-published_at")
        .values_list("pk", flat=True)[:200]
    )
    topics = list(visible(TopicPage.objects.all(), home.locale_id).values_list("pk", flat=True))
    weights = [place.population**0.5 for place in places]
    kinds = [kind for kind in KINDS for _ in range(kind.weight)]
    events, links = [], []
    for _n in range(EVENTS_PER_LANGUAGE):
        kind = rng.choice(kinds)
        place = rng.choices(places, weights)[0]
        name = place.name(language)
        occurred_at = now - timedelta(seconds=rng.randrange(DAYS * 24 * 3600))
        roll = rng.random()
        status = (
            Event.Status.VERIFIED
            if roll < 0.85
            else Event.Status.REPORTED
            if roll < 0.97
            else Event.Status.REJECTED
        )
        event = Event(
            title=rng.choice(kind.titles[index]).format(place=name)[:200],
            description=DESCRIPTIONS[language],
            occurred_at=occurred_at,
            precision=rng.choice(["exact", "exact", "day", "approximate"]),
            latitude=round(place.lat + rng.uniform(-0.03, 0.03), 5),
            longitude=round(place.lon + rng.uniform(-0.03, 0.03), 5),
            place_name=name,
            country=place.country,
            category=categories[kind.slug],
            locale=home.locale,
            status=status,
            verified_at=occurred_at + timedelta(hours=2) if status == "verified" else None,
        )
        events.append(event)
        article = rng.choice(articles) if articles and rng.random() < LINKED_SHARE else None
        topic = rng.choice(topics) if topics and rng.random() < LINKED_SHARE else None
        links.append((article, topic))
    Event.objects.bulk_create(events, batch_size=500)
    sources, article_links, topic_links = [], [], []
    for event, (article, topic) in zip(events, links, strict=True):
        slug = slugify(event.category.slug)
        sources.append(
            EventSource(
                event=event,
                url=f"https://example.org/reports/{slug}/{event.pk}",
                label="Local monitor" if language == "en" else "",
                sort_order=0,
            )
        )
        if article:
            article_links.append(EventArticle(event=event, article_id=article, sort_order=0))
        if topic:
            topic_links.append(EventTopic(event=event, topic_id=topic, sort_order=0))
    EventSource.objects.bulk_create(sources, batch_size=500)
    EventArticle.objects.bulk_create(article_links, batch_size=500)
    EventTopic.objects.bulk_create(topic_links, batch_size=500)
    return len(events)


def make_areas(now: datetime) -> None:
    if ControlArea.objects.exists():
        return
    change = now - timedelta(days=25)
    note = "Demo data: coarse illustrative shapes, not real lines of control."
    rows = []
    for (party, party_ar, party_fa), color, outline in AREAS:
        names = {"party": party, "party_ar": party_ar, "party_fa": party_fa}
        before = _polygon(outline, 1.0)
        after = _polygon(outline, 0.9 if party == SHRINKING_PARTY else 1.06)
        rows.append(
            ControlArea(
                **names,
                color=color,
                valid_from=now - timedelta(days=DAYS),
                valid_until=change,
                geometry=before,
                source_note=note,
            )
        )
        rows.append(
            ControlArea(**names, color=color, valid_from=change, geometry=after, source_note=note)
        )
    ControlArea.objects.bulk_create(rows)


def _polygon(outline: list[tuple[float, float]], scale: float) -> str:
    """The outline grown or shrunk around its centre, as a closed GeoJSON ring."""
    lon0 = sum(p[0] for p in outline) / len(outline)
    lat0 = sum(p[1] for p in outline) / len(outline)
    ring = [
        [round(lon0 + (lon - lon0) * scale, 4), round(lat0 + (lat - lat0) * scale, 4)]
        for lon, lat in outline
    ]
    ring.append(ring[0])
    return json.dumps({"type": "Polygon", "coordinates": [ring]})
