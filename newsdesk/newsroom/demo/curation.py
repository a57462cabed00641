"""What editors pick by hand: Editor's Choice and In Focus on the home page, and the
articles pinned at the top of each topic dossier.

Picks are saved as new revisions and published, as the admin would, so that an editor
who opens the home page or a topic sees them and does not drop them on the next save.
This is also the first publication of the home page and the topics.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from newsdesk.articles.models import ArticlePage
from newsdesk.home.models import EditorsChoiceItem, HomePage, InFocusItem
from newsdesk.topics.models import ArticleTopic, TopicPage, TopicPinnedArticle

EDITORS_CHOICE_COUNT = 5
EXPIRING_PICK = 4  # the last pick is a time-limited one, to show the feature
IN_FOCUS_COUNT = 8


def curate(home: HomePage, topics: list[TopicPage], rng: random.Random, now: datetime) -> None:
    pick_editors_choice(home, now)
    put_topics_in_focus(home, topics, rng)
    home.save_revision().publish()
    for topic in topics:
        pin_articles(topic, rng.randint(2, 3))
        topic.save_revision().publish()


def pick_editors_choice(home: HomePage, now: datetime) -> None:
    latest = ArticlePage.objects.filter(locale_id=home.locale_id).order_by("-published_at", "-pk")[
        :EDITORS_CHOICE_COUNT
    ]
    home.editors_choice = [
        EditorsChoiceItem(
            article=article,
            sort_order=position,
            expires_at=now + timedelta(days=3) if position == EXPIRING_PICK else None,
        )
        for position, article in enumerate(latest)
    ]


def put_topics_in_focus(home: HomePage, topics: list[TopicPage], rng: random.Random) -> None:
    chosen = rng.sample(topics, min(IN_FOCUS_COUNT, len(topics)))
    home.in_focus = [
        InFocusItem(topic=topic, sort_order=position) for position, topic in enumerate(chosen)
    ]


def pin_articles(topic: TopicPage, count: int) -> None:
    newest = (
        ArticleTopic.objects.filter(topic=topic)
        .order_by("-article__published_at", "-article_id")
        .values_list("article_id", flat=True)[:count]
    )
    topic.pinned = [
        TopicPinnedArticle(article_id=article_id, sort_order=position)
        for position, article_id in enumerate(newest)
    ]
