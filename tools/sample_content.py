# ruff: noqa: RUF001 - the Persian sample text is meant to be in Arabic script
"""A small sample site in English and Persian, with generated pictures, for screenshots.

Import only after django.setup(): tools/screenshots.py does that.
"""

from __future__ import annotations

import colorsys
import io
import math
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from newsdesk.articles.models import (
    ArticleAuthor,
    ArticleKind,
    ArticleNote,
    ArticlePage,
    SectionPage,
)
from newsdesk.gallery.models import (
    FilmPage,
    GalleryIndexPage,
    GalleryItem,
    GalleryTopicLink,
    PhotoGalleryPage,
)
from newsdesk.home.models import EditorsChoiceItem, HomePage, InFocusItem
from newsdesk.live.models import LiveEntry, LivePage
from newsdesk.maps import demo as map_demo
from newsdesk.maps.models import MapPage
from newsdesk.newsroom.demo import video
from newsdesk.newsroom.demo.live_coverage import CORRECTIONS
from newsdesk.people.models import Person
from newsdesk.topics.models import ArticleTopic, TopicIndexPage, TopicPage, TopicPinnedArticle


@dataclass(frozen=True)
class Edition:
    """Everything written in one language."""

    language: str
    tagline: str
    sections: dict[str, tuple[str, str]]  # kind: (title, introduction)
    in_focus: tuple[str, str]
    topics: list[tuple[str, str]]
    headlines: list[str]
    analyses: list[str]
    opinions: list[str]
    tags: list[str]
    lead: str  # "{headline}" is replaced
    kickers: list[str]
    datelines: list[str]
    caption: str
    credit: str
    alt: str  # "{title}" is replaced
    paragraph: str
    headings: tuple[str, str]
    quote: tuple[str, str]
    facts: tuple[str, list[str]]
    embed: str
    gallery: str = "Gallery"
    usage_terms: str = "Editorial use only"


ENGLISH = Edition(
    language="en",
    tagline="News and analysis",
    sections={
        ArticleKind.NEWS: ("News", "What happened today, reported from the region."),
        ArticleKind.ANALYSIS: ("Analysis", "Why it happened, and what comes next."),
        ArticleKind.OPINION: ("Opinion", "Arguments from our writers and guests."),
        ArticleKind.INTERVIEW: ("Interviews", "Conversations with the people in the news."),
        ArticleKind.REPORT: ("Reports", "Long reads from the field."),
    },
    in_focus=("In Focus", "The stories we follow over months and years."),
    topics=[
        (
            "Water rights",
            "Who controls the Tigris, the Euphrates and the Nile, and who goes thirsty.",
        ),
        ("Gulf diplomacy", "The quiet deals, open feuds and new alliances among the Gulf states."),
        ("Elections 2026", "Every vote in the region this year: candidates, turnout and results."),
        ("Climate and cities", "How heat, drought and floods are reshaping the region's cities."),
    ],
    headlines=[
        "Ceasefire holds along the river as negotiators return to the table in Doha",
        "Dam talks stall over how much water reaches the delta in dry years",
        "Central bank raises rates for the third time this year",
        "Thousands queue for bread as the currency falls again",
        "Opposition names a single candidate ahead of the spring vote",
        "Heatwave closes schools in four provinces",
        "Port reopens after a month-long strike by dock workers",
        "New metro line carries its first passengers",
        "Aid convoy reaches the besieged town after weeks of talks",
        "Parliament passes a budget that cuts fuel subsidies",
        "Farmers switch crops as the river runs low",
        "Foreign ministers meet for the first time in six years",
    ],
    analyses=[
        "Why the dam talks keep failing, and what could change that",
        "The Gulf's new alliances are built on money, not trust",
        "What a weaker currency means for the region's poorest households",
        "Three lessons from the last election, and one warning",
    ],
    opinions=["The river belongs to everyone who lives along it"],
    tags=["Diplomacy", "Economy", "Water", "Elections", "Climate", "Energy", "Protests"],
    lead=(
        "{headline}. The decision, announced late on Tuesday, follows weeks of pressure "
        "from neighbours and a public campaign at home."
    ),
    kickers=["", "", "Exclusive"],
    datelines=["Baghdad", "Cairo", "Tehran", "Doha", "Beirut", ""],
    caption="A street near the river, early in the morning.",
    credit="Photo: newsdesk",
    alt="Hills under an evening sky, for: {title}",
    paragraph=(
        "Officials on both sides said the talks had moved further in two days than in the "
        "previous two years, though neither would say what had been agreed. Diplomats who "
        "followed the negotiations described a mood of cautious relief in the hotel "
        "corridors, where delegations met late into the night."
    ),
    headings=("What the agreement says", "What happens next"),
    quote=(
        "We came here to make a deal, and we will not leave without one.",
        "A senior negotiator",
    ),
    facts=(
        "Key facts",
        ["Talks began in March", "Four countries take part", "The river feeds 60 million people"],
    ),
    embed="Video: the negotiators arrive",
)

PERSIAN = Edition(
    language="fa",
    tagline="اخبار و تحلیل",
    sections={
        ArticleKind.NEWS: ("اخبار", "آنچه امروز در منطقه گذشت."),
        ArticleKind.ANALYSIS: ("تحلیل", "چرا این اتفاق افتاد و پس از آن چه خواهد شد."),
        ArticleKind.OPINION: ("دیدگاه", "استدلال‌های نویسندگان و مهمانان ما."),
    },
    in_focus=("در کانون توجه", "موضوع‌هایی که ماه‌ها و سال‌ها دنبال می‌کنیم."),
    topics=[
        ("حق‌آبه", "چه کسی دجله، فرات و نیل را در دست دارد و چه کسی تشنه می‌ماند."),
        ("دیپلماسی خلیج فارس", "توافق‌های بی‌صدا، اختلاف‌های آشکار و اتحادهای تازه."),
        ("انتخابات ۲۰۲۶", "همه رأی‌گیری‌های منطقه در سال جاری: نامزدها، مشارکت و نتایج."),
    ],
    headlines=[
        "آتش‌بس در امتداد رودخانه پابرجاست و مذاکره‌کنندگان به دوحه بازمی‌گردند",
        "گفت‌وگوها درباره سد بر سر سهم آب دلتا در سال‌های خشک متوقف شد",
        "بانک مرکزی برای سومین بار در سال جاری نرخ بهره را افزایش داد",
        "صف‌های طولانی نان با سقوط دوباره ارزش پول ملی",
        "اپوزیسیون پیش از انتخابات بهاری نامزد واحد معرفی کرد",
        "موج گرما مدارس چهار استان را تعطیل کرد",
        "بندر پس از یک ماه اعتصاب کارگران بازگشایی شد",
    ],
    analyses=[
        "چرا مذاکرات سد بارها شکست می‌خورد و چه چیزی می‌تواند آن را تغییر دهد",
        "اتحادهای تازه خلیج فارس بر پول بنا شده‌اند، نه بر اعتماد",
        "سقوط پول ملی برای فقیرترین خانواده‌های منطقه چه معنایی دارد",
    ],
    opinions=["رود از آن همه کسانی است که در کنارش زندگی می‌کنند"],
    tags=["دیپلماسی", "اقتصاد", "آب", "انتخابات"],
    lead=(
        "{headline}. این تصمیم که سه‌شنبه شب اعلام شد، پس از هفته‌ها فشار همسایگان و "
        "کارزاری عمومی در داخل کشور گرفته شد."
    ),
    kickers=["", "", "اختصاصی"],
    datelines=["بغداد", "قاهره", "تهران", "دوحه", "بیروت", ""],
    caption="خیابانی نزدیک رودخانه، صبح زود.",
    credit="عکس: نیوزدسک",
    alt="تپه‌ها زیر آسمان غروب، برای: {title}",
    paragraph=(
        "مقام‌های هر دو طرف گفتند گفت‌وگوها در دو روز بیش از دو سال گذشته پیش رفته است، "
        "هرچند هیچ‌کدام نگفتند بر سر چه توافق شده است. دیپلمات‌هایی که مذاکرات را دنبال "
        "می‌کردند از حال‌وهوای آسودگی محتاطانه در راهروهای هتل سخن گفتند، جایی که هیئت‌ها تا "
        "دیروقت شب با یکدیگر دیدار می‌کردند."
    ),
    headings=("توافق چه می‌گوید", "گام بعدی چیست"),
    quote=("ما آمده‌ایم که توافق کنیم و بدون آن اینجا را ترک نمی‌کنیم.", "یک مذاکره‌کننده ارشد"),
    facts=(
        "نکات کلیدی",
        [
            "گفت‌وگوها در ماه مارس آغاز شد",
            "چهار کشور در آن شرکت دارند",
            "این رود ۶۰ میلیون نفر را سیراب می‌کند",
        ],
    ),
    embed="ویدیو: ورود مذاکره‌کنندگان",
    gallery="گالری",
    usage_terms="فقط برای استفادهٔ خبری",
)

ARABIC = Edition(
    language="ar",
    tagline="أخبار وتحليلات",
    sections={
        ArticleKind.NEWS: ("أخبار", "ما جرى اليوم في المنطقة."),
        ArticleKind.ANALYSIS: ("تحليل", "لماذا حدث ذلك، وماذا بعد."),
        ArticleKind.OPINION: ("رأي", "حجج كتّابنا وضيوفنا."),
    },
    in_focus=("في الواجهة", "القصص التي نتابعها شهورًا وسنوات."),
    topics=[
        ("حقوق المياه", "من يتحكم في دجلة والفرات والنيل، ومن يبقى عطشان."),
        ("دبلوماسية الخليج", "صفقات هادئة وخلافات علنية وتحالفات جديدة."),
        ("انتخابات ٢٠٢٦", "كل اقتراع في المنطقة هذا العام: المرشحون والمشاركة والنتائج."),
    ],
    headlines=[
        "الهدنة صامدة على طول النهر والمفاوضون يعودون إلى الدوحة",
        "تعثر محادثات السد حول حصة الدلتا من المياه في سنوات الجفاف",
        "البنك المركزي يرفع الفائدة للمرة الثالثة هذا العام",
        "طوابير طويلة أمام المخابز مع تراجع العملة مجددًا",
        "المعارضة تسمي مرشحًا واحدًا قبل انتخابات الربيع",
        "موجة حر تغلق المدارس في أربع محافظات",
        "الميناء يعود إلى العمل بعد إضراب دام شهرًا",
    ],
    analyses=[
        "لماذا تفشل محادثات السد مرة بعد مرة، وما الذي قد يغير ذلك",
        "تحالفات الخليج الجديدة مبنية على المال لا على الثقة",
        "ماذا يعني ضعف العملة للأسر الأشد فقرًا في المنطقة",
    ],
    opinions=["النهر ملك لكل من يعيش على ضفتيه"],
    tags=["دبلوماسية", "اقتصاد", "مياه", "انتخابات"],
    lead=(
        "{headline}. جاء القرار الذي أعلن مساء الثلاثاء بعد أسابيع من ضغط الجيران "
        "وحملة شعبية في الداخل."
    ),
    kickers=["", "", "حصري"],
    datelines=["بغداد", "القاهرة", "طهران", "الدوحة", "بيروت", ""],
    caption="شارع قرب النهر في الصباح الباكر.",
    credit="تصوير: نيوزدسك",
    alt="تلال تحت سماء المساء، من أجل: {title}",
    paragraph=(
        "قال مسؤولون من الجانبين إن المحادثات تقدمت في يومين أكثر مما تقدمت في العامين "
        "الماضيين، لكن أحدًا منهم لم يكشف ما اتُّفق عليه. ووصف دبلوماسيون تابعوا المفاوضات "
        "أجواء من الارتياح الحذر في أروقة الفندق، حيث التقت الوفود حتى ساعة متأخرة من الليل."
    ),
    headings=("ماذا يقول الاتفاق", "ماذا بعد"),
    quote=("جئنا لنبرم اتفاقًا، ولن نغادر من دونه.", "مفاوض رفيع"),
    facts=(
        "حقائق أساسية",
        ["بدأت المحادثات في مارس", "تشارك فيها أربع دول", "يروي النهر ٦٠ مليون إنسان"],
    ),
    embed="فيديو: وصول المفاوضين",
    gallery="معرض الصور والأفلام",
    usage_terms="للاستخدام التحريري فقط",
)
EDITIONS = (ENGLISH, PERSIAN, ARABIC)

PEOPLE = [
    ("Leila Haddad", "Middle East correspondent"),
    ("Omid Rahimi", "Economics editor"),
    ("Sara Nasser", "Diplomatic correspondent"),
    ("Karim Aziz", "Reporter"),
]


def ensure(seed: int = 7) -> dict[str, dict[str, str]]:
    """Build the sample site unless it exists; return {language: {page name: address}}."""
    if not HomePage.objects.exists():
        with transaction.atomic():
            build(random.Random(seed))
        # Publishing queues indexing for the worker, which does not run here.
        call_command("update_index", verbosity=0)
    return {edition.language: addresses(edition.language) for edition in EDITIONS}


def addresses(language: str) -> dict[str, str]:
    locale = Locale.objects.get(language_code=language)
    home = HomePage.objects.get(locale=locale)
    article = ArticlePage.objects.live().filter(locale=locale).order_by("-published_at").first()
    topic = TopicPage.objects.live().filter(locale=locale).order_by("path").first()
    section = SectionPage.objects.live().filter(locale=locale).order_by("path").first()
    topics = TopicIndexPage.objects.live().get(locale=locale)
    assert article and topic and section
    link = article.authors.order_by("sort_order").first()
    tag = article.tags.order_by("name").first()
    assert link and tag
    prefix = "" if language == "en" else f"/{language}"
    gallery_index = GalleryIndexPage.objects.live().get(locale=locale)
    gallery = PhotoGalleryPage.objects.live().get(locale=locale)
    film = FilmPage.objects.live().get(locale=locale, slug="film")
    hosted = FilmPage.objects.live().get(locale=locale, slug="film-hosted")
    live = LivePage.objects.live().get(locale=locale)
    published = timezone.localtime(article.published_at)
    return {
        "gallery-index": gallery_index.url,
        "gallery": gallery.url,
        "gallery-picture": f"{gallery.url}image/2/",
        "film": film.url,
        "film-hosted": hosted.url,
        "home": home.url,
        "article": article.url,
        "topic": topic.url,
        "topics": topics.url,
        "section": section.url,
        "author": prefix + link.person.get_absolute_url(),
        "tag": f"{prefix}/tags/{tag.slug}/",
        "map": MapPage.objects.live().get(locale=locale).url,
        "search": f"{prefix}/search/?q={quote(_longest_word(article.title))}",
        "search-empty": f"{prefix}/search/?q=qqxzv",
        "archive-year": f"{prefix}/archive/{published.year}/",
        "archive-month": f"{prefix}/archive/{published.year}/{published.month:02d}/",
        "corrections": f"{prefix}/corrections/",
        "live": live.url,
        "not-found": f"{prefix}/no-such-page/",
    }


def _longest_word(text: str) -> str:
    return max(re.findall(r"\w+", text), key=len)


def build(rng: random.Random) -> None:
    root = Page.get_first_root_node()
    for stale in root.get_children():
        stale.delete()
    root.refresh_from_db()
    people = [
        Person.objects.create(
            name=name,
            slug=name.lower().replace(" ", "-"),
            role=role,
            bio=f"{name} has reported from the region for a decade.",
            photo=picture(rng, name, size=(400, 400)),
        )
        for name, role in PEOPLE
    ]
    english_home: HomePage | None = None  # the first edition: the others are its translations
    for edition in EDITIONS:
        home = build_edition(rng, root, edition, people, translation_of=english_home)
        english_home = english_home or home
    assert english_home is not None
    map_demo.build_map(rng, timezone.now(), lambda message: None)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=english_home,
        is_default_site=True,
        site_name="newsdesk",
    )


def build_edition(
    rng: random.Random,
    root: Page,
    edition: Edition,
    people: list[Person],
    translation_of: HomePage | None,
) -> HomePage:
    locale, _created = Locale.objects.get_or_create(language_code=edition.language)
    home = HomePage(
        title=edition.tagline,
        slug=f"home-{edition.language}",
        tagline=edition.tagline,
        locale=locale,
    )
    if translation_of is not None:
        home.translation_key = translation_of.translation_key
    root.add_child(instance=home)
    sections = {
        kind: home.add_child(
            instance=SectionPage(
                title=title,
                slug=str(kind),
                show_in_menus=True,
                introduction=intro,
                default_kind=kind,
                locale=locale,
            )
        )
        for kind, (title, intro) in edition.sections.items()
    }
    index = home.add_child(
        instance=TopicIndexPage(
            title=edition.in_focus[0],
            slug="in-focus",
            show_in_menus=True,
            introduction=edition.in_focus[1],
            locale=locale,
        )
    )
    topics = [
        index.add_child(
            instance=TopicPage(
                title=title,
                slug=f"topic-{n + 1}",
                description=description,
                hero_image=picture(rng, title),
                hero_alt=edition.alt.format(title=title),
                locale=locale,
            )
        )
        for n, (title, description) in enumerate(edition.topics)
    ]
    stories = [
        *((headline, ArticleKind.NEWS) for headline in edition.headlines),
        *((headline, ArticleKind.ANALYSIS) for headline in edition.analyses),
        *((headline, ArticleKind.OPINION) for headline in edition.opinions),
    ]
    now = timezone.now()
    articles = []
    for n, (headline, kind) in enumerate(stories):
        image = picture(rng, headline) if n % 5 != 3 else None  # some stories have no picture
        article = ArticlePage(
            title=headline,
            slug=f"story-{n + 1}",
            locale=locale,
            kind=kind,
            kicker=rng.choice([*edition.kickers, topics[n % len(topics)].title]),
            lead=edition.lead.format(headline=headline),
            dateline=rng.choice(edition.datelines),
            published_at=now - timedelta(hours=3 * n + 1),
            hero_image=image,
            hero_alt=edition.alt.format(title=headline) if image else "",
            hero_caption=edition.caption if image else "",
            hero_credit=edition.credit if image else "",
            body=body(edition),
        )
        for position, person in enumerate(rng.sample(people, k=1 + (n % 3 == 0))):
            article.authors.add(ArticleAuthor(person=person, sort_order=position))
        for position, topic in enumerate(rng.sample(topics, k=1 + (n % 4 == 0))):
            article.topic_links.add(ArticleTopic(topic=topic, sort_order=position))
        article.tags.add(*rng.sample(edition.tags, k=2))
        sections[kind].add_child(instance=article)
        article.save_revision().publish()
        articles.append(article)
    news = [a for a in articles if a.kind == ArticleKind.NEWS]
    analyses = [a for a in articles if a.kind == ArticleKind.ANALYSIS]
    for position, article in enumerate([news[0], analyses[0], news[4], news[2]]):
        EditorsChoiceItem.objects.create(page=home, article=article, sort_order=position)
    for position, topic in enumerate(topics):
        InFocusItem.objects.create(page=home, topic=topic, sort_order=position)
        pinned = analyses[position % len(analyses)]
        TopicPinnedArticle.objects.create(topic=topic, article=pinned, sort_order=0)
    # A correction on the second story, listed on the Corrections page.
    ArticleNote.objects.create(
        article=news[1], text=CORRECTIONS[edition.language], noted_at=now - timedelta(minutes=30)
    )
    news[1].save_revision().publish()
    build_live(sections[ArticleKind.NEWS], edition, news[0], now)
    build_gallery(rng, home, edition, topics[0])
    return home


def build_live(section: Page, edition: Edition, source: ArticlePage, now: datetime) -> None:
    """A running live page: entries written from the edition's headlines, one pinned,
    one with a picture, one quoting and one corrected."""
    headline = edition.headlines[-1]
    page = LivePage(
        title=headline,
        slug="live",
        locale=section.locale,
        kind=ArticleKind.NEWS,
        kicker=edition.kickers[0],
        lead=edition.lead.format(headline=headline),
        dateline=edition.datelines[0],
        published_at=now - timedelta(hours=2),
        coverage_started_at=now - timedelta(hours=2),
        comments_open=False,
        hero_image=source.hero_image,
        hero_alt=source.hero_alt,
        hero_caption=source.hero_caption,
        hero_credit=source.hero_credit,
        body=body(edition),
    )
    for link in source.authors.order_by("sort_order"):
        page.authors.add(ArticleAuthor(person=link.person, sort_order=link.sort_order))
    section.add_child(instance=page)
    page.save_revision().publish()
    authors = [link.person for link in source.authors.order_by("sort_order")]
    for n, headline in enumerate(edition.headlines[:6]):
        LiveEntry.objects.create(
            live_page=page,
            posted_at=now - timedelta(minutes=100 - 15 * n),
            author=authors[n % len(authors)],
            headline=headline if n % 2 == 0 else "",
            text=f"<p>{edition.lead.format(headline=headline)}</p>",
            pinned=n == 0,
            image=source.hero_image if n == 2 else None,
            image_alt=source.hero_alt if n == 2 else "",
            image_caption=source.hero_caption if n == 2 else "",
            quote=edition.lead.format(headline=edition.headlines[0]) if n == 3 else "",
            quote_source=authors[0].name if n == 3 else "",
            correction=CORRECTIONS[edition.language] if n == 4 else "",
        )


def build_gallery(rng: random.Random, home: HomePage, edition: Edition, topic: TopicPage) -> None:
    """A Gallery with one photo essay (filed under `topic`), an external film and one we host."""
    index = published(
        home, GalleryIndexPage(title=edition.gallery, slug="gallery", locale=home.locale)
    )
    title = edition.topics[0][0]
    cover = picture(rng, title)
    gallery = PhotoGalleryPage(
        title=title,
        slug="photo-essay",
        summary=edition.topics[0][1],
        cover=cover,
        cover_alt=edition.alt.format(title=title),
        locale=home.locale,
    )
    for position in range(7):
        gallery.items.add(
            GalleryItem(
                image=cover if position == 0 else picture(rng, f"{title} {position}"),
                alt_text=edition.alt.format(title=title),
                caption=edition.caption,
                credit=edition.credit,
                usage_terms=edition.usage_terms if position % 3 == 0 else "",
                sort_order=position,
            )
        )
    gallery.topic_links.add(GalleryTopicLink(topic=topic, sort_order=0))
    published(index, gallery)
    external = film(
        edition,
        edition.headlines[0],
        home,
        slug="film",
        external_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        cover=picture(rng, "Film poster"),
        cover_alt=edition.alt.format(title="film"),
        duration_seconds=596,
    )
    published(index, external)
    # The frames' title is drawn in Pillow's own font, which has Latin letters only.
    made = video.make_film("newsdesk", "sea", (edition.caption, edition.embed), rng)
    hosted = film(
        edition,
        edition.headlines[1],
        home,
        slug="film-hosted",
        video_file=ContentFile(made.video, name="film-hosted.webm"),
        captions_file=ContentFile(made.captions.encode(), name="film-hosted.vtt"),
        cover=saved(made.poster, "Hosted film poster", rng),
        cover_alt=made.alt,
        duration_seconds=made.seconds,
    )
    published(index, hosted)


def film(edition: Edition, headline: str, home: HomePage, **media: object) -> FilmPage:
    """A film about `headline`, with the edition's caption, credit and text."""
    return FilmPage(
        title=headline,
        locale=home.locale,
        summary=edition.lead.format(headline=headline),
        caption=edition.caption,
        credit=edition.credit,
        description=edition.paragraph,
        **media,
    )


def published(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def body(edition: Edition) -> list[dict]:
    paragraph = {"type": "paragraph", "value": f"<p>{edition.paragraph}</p>"}
    facts_title, facts = edition.facts
    return [
        paragraph,
        paragraph,
        {"type": "heading", "value": edition.headings[0]},
        paragraph,
        {"type": "quote", "value": {"text": edition.quote[0], "attribution": edition.quote[1]}},
        paragraph,
        {
            "type": "fact_box",
            "value": {
                "title": facts_title,
                "body": "<ul>" + "".join(f"<li>{fact}</li>" for fact in facts) + "</ul>",
            },
        },
        {"type": "heading", "value": edition.headings[1]},
        paragraph,
        {
            "type": "embed",
            "value": {
                "url": "https://video.example.org/watch/ceasefire",
                "title": edition.embed,
                "caption": "",
            },
        },
    ]


def picture(rng: random.Random, title: str, size: tuple[int, int] = (1600, 900)) -> Image:
    """A generated landscape (sky, sun and hills) in colours of its own."""
    width, height = size
    hue = rng.random()
    sky_top, sky_bottom = _rgb(hue, 0.35, 0.95), _rgb((hue + 0.08) % 1, 0.55, 0.75)
    canvas = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(canvas)
    for y in range(height):
        t = y / height
        colour = tuple(int(a + (b - a) * t) for a, b in zip(sky_top, sky_bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    sun_x, sun_y, radius = rng.randint(width // 5, width * 4 // 5), height // 3, height // 9
    draw.ellipse(
        [sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=_rgb(0.12, 0.4, 1)
    )
    for layer in range(3):
        base = height * (0.55 + 0.13 * layer)
        phase, amplitude = rng.random() * math.tau, height * (0.08 - 0.02 * layer)
        ridge = [
            (x, base + amplitude * math.sin(x / width * math.tau * (1 + layer) + phase))
            for x in range(0, width + 20, 20)
        ]
        colour = _rgb((hue + 0.5) % 1, 0.45, 0.55 - 0.15 * layer)
        draw.polygon([(0, height), *ridge, (width, height)], fill=colour)
    return saved(canvas, title, rng)


def saved(canvas: PILImage.Image, title: str, rng: random.Random) -> Image:
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=85)
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"picture-{rng.randrange(10**8)}.jpg")
    )


def _rgb(h: float, s: float, v: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(h, s, v)
    return int(r * 255), int(g * 255), int(b * 255)
