# ruff: noqa: RUF001 - the Arabic and Persian tag names are meant to be in Arabic script
"""The demo's tags linked across its languages (articles.TagTranslation, decision 0024).

Each row names one tag as the English, Arabic and Persian sites write it (world.py,
tongues.py); an empty name: that site has no such tag. So the language switcher of
/tags/drought/ goes to /ar/tags/الجفاف/ and /fa/tags/خشکسالی/, and a translation an
editor starts carries its tags over. Tags whose words differ in meaning between the sites
(the English "food prices", the Arabic «الغذاء», food) are linked only where they agree.
"""

from __future__ import annotations

from taggit.models import Tag
from wagtail.models import Locale

from newsdesk.articles.models import TagTranslation, TagVersion

LANGUAGES = ("en", "ar", "fa")

LINKED_TAGS: tuple[tuple[str, str, str], ...] = (
    # Topics
    ("water", "المياه", "آب"),
    ("drought", "الجفاف", "خشکسالی"),
    ("climate change", "المناخ", "اقلیم"),
    ("agriculture", "الزراعة", "کشاورزی"),
    ("energy", "الطاقة", "انرژی"),
    ("electricity", "الكهرباء", "برق"),
    ("investment", "الاستثمار", "سرمایه‌گذاری"),
    ("refugees", "اللاجئون", "پناهجویان"),
    ("migration", "الهجرة", "مهاجرت"),
    ("human rights", "حقوق الإنسان", "حقوق بشر"),
    ("ceasefire", "الهدنة", "آتش‌بس"),
    ("regional security", "الأمن الإقليمي", "امنیت منطقه"),
    ("diplomacy", "الدبلوماسية", "دیپلماسی"),
    ("elections", "الانتخابات", "انتخابات"),
    ("parliament", "البرلمان", "مجلس"),
    ("local politics", "السياسة المحلية", "سیاست محلی"),
    ("", "الغذاء", "غذا"),
    ("", "الأسعار", "قیمت‌ها"),
    # Countries, capitals and cities
    ("Valdoria", "فالدوريا", "والدوریا"),
    ("Port Alder", "بورت ألدر", "پورت آلدر"),
    ("Meranto", "ميرانتو", "مرانتو"),
    ("Drevin", "دريفين", "دروین"),
    ("Sarrant", "سارانت", "سارانت"),
    ("Halvesk", "هالفسك", "هالوسک"),
    ("Bir Sadan", "بئر سعدان", "بئر سعدان"),
    ("Oudane", "وادان", "وادان"),
    ("Tazhir", "تازير", "تاژیر"),
    ("Dar Noor", "دار النور", "دارالنور"),
    ("Jebel Sur", "جبل صور", "جبل صور"),
    ("Al-Rimah", "الرماح", "رماح"),
    ("Qadira", "قديرة", "قدیره"),
    ("Medinet Sahl", "مدينة سهل", "مدینه سهل"),
    ("Ras Halim", "رأس حليم", "رأس حلیم"),
    ("Zarqan", "زرقان", "زرقان"),
    ("Oskeria", "أوسكيريا", "اسکریا"),
    ("Novo Lind", "نوفو ليند", "نوو لیند"),
    ("Varesk", "فاريسك", "وارسک"),
    ("Pellin", "بيلين", "پلین"),
    ("Ebrania", "إبرانيا", "ابرانیا"),
    ("Istrova", "إستروفا", "ایستروا"),
    ("Kalesh", "كالش", "کالش"),
    ("Dunavar", "دونافار", "دوناوار"),
)


def link_tags() -> int:
    """Link each row's tags that the demo wrote; returns how many translations it made."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    names = {name for row in LINKED_TAGS for name in row if name}
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    made = 0
    for row in LINKED_TAGS:
        found = [
            (locales[code], tags[name])
            for code, name in zip(LANGUAGES, row, strict=True)
            if name in tags and code in locales
        ]
        if len(found) < 2:
            continue
        translation = TagTranslation.objects.create()
        TagVersion.objects.bulk_create(
            TagVersion(translation=translation, locale=locale, tag=tag) for locale, tag in found
        )
        made += 1
    return made
