"""Readers' comments on the Arabic and Persian stories of the demo, written by our own
patterns (not machine translation, not copied text).

A comment is one to three sentences: a reaction, a point about the story's issue or a
place in it, and sometimes a closing wish; a reply agrees or disagrees with its parent.
Each sentence is complete by itself, so the patterns never need agreement with a slot:
the issue is a definite noun phrase after a noun in construct or a preposition (Arabic)
or after a noun with its ezafe written (Persian), and places stand after a preposition.
Most commenters sign with a name in the language, some with a Latin handle (the site
shows names with dir="auto"). Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from wagtail.models import Locale

from newsdesk.articles.models import ArticlePage
from newsdesk.comments.models import Comment, Status
from newsdesk.comments.services import recount
from newsdesk.topics.models import ArticleTopic

from .local_text import person_name
from .tongues import Place, Tongue

# Of a language's stories, the share that readers comment on, and how many threads each.
COMMENTED_SHARE = 0.6
MAX_THREADS = 4
REPLY_CHANCE = 0.4
HANDLE_CHANCE = 0.15
# A few wait for the moderators (the editor's desk counts them).
PENDING_CHANCE = 0.05
HANDLES = ("Sam K.", "nour_88", "M. Rahimi", "dana.h", "Omid R.", "river-watcher")


@dataclass(frozen=True)
class CommentWords:
    reactions: tuple[str, ...]
    points: tuple[str, ...]  # {issue}: a definite noun phrase; {city}: a city's name
    wishes: tuple[str, ...]
    agree: tuple[str, ...]
    disagree: tuple[str, ...]  # {city}


WORDS = {
    "ar": CommentWords(
        reactions=(
            "شكراً على هذا التقرير.",
            "مقال مهم في وقته.",
            "قرأت المقال باهتمام.",
            "أخيراً من يكتب عن هذا الموضوع بوضوح.",
            "تقرير متوازن، وهذا نادر هذه الأيام.",
        ),
        points=(
            "ما يحدث في {city} أسوأ مما يذكره المقال.",
            "ملف {issue} يحتاج إلى متابعة أطول.",
            "أتمنى أن تسألوا المسؤولين عن {issue} مباشرة.",
            "نعيش في {city} منذ سنوات، والأرقام لا تقول كل شيء.",
            "الحديث عن {issue} لا يكفي من دون حلول واضحة.",
            "زرت {city} الشهر الماضي ورأيت ذلك بعيني.",
        ),
        wishes=(
            "ننتظر الجزء الثاني.",
            "أتمنى أن تتابعوا هذا الملف في الأسابيع المقبلة.",
            "ينقص المقال رأي السكان.",
            "شكراً للمراسل على جهده.",
        ),
        agree=(
            "أوافقك الرأي تماماً.",
            "كلامك صحيح، وهذا ما نراه كل يوم.",
            "سؤال في محله.",
        ),
        disagree=(
            "لا أتفق معك، فالوضع في {city} مختلف.",
            "أفهم وجهة نظرك، لكن المقال أدق من ذلك.",
        ),
    ),
    "fa": CommentWords(
        reactions=(
            "ممنون از این گزارش.",
            "گزارش خوبی بود.",
            "این مطلب را با دقت خواندم.",
            "بالاخره کسی دربارهٔ این موضوع روشن نوشت.",
            "گزارشی منصفانه، که این روزها کم پیدا می‌شود.",
        ),
        points=(
            "وضع در {city} بدتر از چیزی است که در گزارش آمده.",
            "پروندهٔ {issue} به پیگیری بیشتری نیاز دارد.",
            "کاش دربارهٔ {issue} از مسئولان هم می‌پرسیدید.",
            "سال‌هاست در {city} زندگی می‌کنم و عددها همه چیز را نمی‌گویند.",
            "حرف زدن دربارهٔ {issue} بدون راه‌حل روشن کافی نیست.",
            "ماه گذشته به {city} رفتم و این را به چشم خودم دیدم.",
        ),
        wishes=(
            "منتظر ادامهٔ این گزارش هستیم.",
            "امیدوارم این موضوع را در هفته‌های آینده هم دنبال کنید.",
            "جای صدای مردم در این گزارش خالی است.",
            "دست خبرنگار درد نکند.",
        ),
        agree=(
            "کاملاً با شما موافقم.",
            "درست می‌گویید؛ ما هم هر روز همین را می‌بینیم.",
            "سؤال به‌جایی است.",
        ),
        disagree=(
            "موافق نیستم؛ وضع در {city} فرق می‌کند.",
            "نظرتان را می‌فهمم، ولی گزارش دقیق‌تر از این است.",
        ),
    ),
}


class LocalCommenter:
    """Writes the comments of one language from its own random stream."""

    def __init__(self, tongue: Tongue, rng: random.Random) -> None:
        self.tongue, self.rng = tongue, rng
        self.words = WORDS[tongue.code]
        self.readers = 0

    def comment(self, issue: str, place: Place) -> str:
        words, rng = self.words, self.rng
        sentences = [rng.choice(words.reactions)] if rng.random() < 0.7 else []
        sentences.append(self._fill(rng.choice(words.points), issue, place))
        if rng.random() < 0.5:
            sentences.append(rng.choice(words.wishes + self.tongue.comments))
        return " ".join(sentences)

    def reply(self, issue: str, place: Place) -> str:
        words = self.words
        choices = words.agree if self.rng.random() < 0.6 else words.disagree
        return self._fill(self.rng.choice(choices), issue, place)

    def _fill(self, pattern: str, issue: str, place: Place) -> str:
        city = self.rng.choice((place.capital, *place.cities))
        return pattern.format(issue=issue, city=city)

    def reader(self) -> tuple[str, str]:
        """A commenter's name and (invented, unreachable) address."""
        self.readers += 1
        if self.rng.random() < HANDLE_CHANCE:
            name = self.rng.choice(HANDLES)
        else:
            name = person_name(self.tongue, self.rng, woman=self.rng.random() < 0.5)
        return name, f"reader{self.readers}.{self.tongue.code}@example.org"


def build_local_comments(tongue: Tongue, rng: random.Random, now: datetime) -> int:
    """Comments on a share of the language's stories; returns how many were written."""
    locale = Locale.objects.get(language_code=tongue.code)
    writer = LocalCommenter(tongue, rng)
    stories = list(
        ArticlePage.objects.filter(locale=locale, live=True, comments_open=True)
        .order_by("pk")
        .values_list("pk", "published_at")
    )
    topics = {topic.title: topic for topic in tongue.topics}
    first_topics = dict(
        ArticleTopic.objects.filter(article__locale=locale, sort_order=0).values_list(
            "article_id", "topic__title"
        )
    )
    written = 0
    for article_id, published in stories:
        if published is None or rng.random() >= COMMENTED_SHARE:
            continue
        topic = topics.get(first_topics.get(article_id, ""), tongue.topics[0])
        issue, place = rng.choice(topic.issues), rng.choice(tongue.places)
        for _thread in range(rng.randint(1, MAX_THREADS)):
            when = _after(published, now, rng)
            root = _save(article_id, None, writer, writer.comment(issue, place), when, rng)
            written += 1
            if rng.random() < REPLY_CHANCE:
                later = _after(when, now, rng)
                _save(article_id, root, writer, writer.reply(issue, place), later, rng)
                written += 1
        recount(article_id)
    return written


def _after(moment: datetime, now: datetime, rng: random.Random) -> datetime:
    """A time after `moment`, within a day, never in the future."""
    return min(moment + timedelta(minutes=rng.randint(5, 24 * 60)), now)


def _save(
    article_id: int,
    parent: Comment | None,
    writer: LocalCommenter,
    text: str,
    when: datetime,
    rng: random.Random,
) -> Comment:
    name, email = writer.reader()
    pending = parent is None and rng.random() < PENDING_CHANCE
    return Comment.objects.create(
        article_id=article_id,
        parent=parent,
        root=parent,
        depth=1 if parent else 0,
        name=name,
        email=email,
        text=text,
        status=Status.PENDING if pending else Status.APPROVED,
        created_at=when,
        decided_at=None if pending else when,
    )
