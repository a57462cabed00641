"""How related articles are ranked. Pure functions on plain data, so the rules are easy to test."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

TOPIC_WEIGHT = 3.0
TAG_WEIGHT = 1.0
TEXT_WEIGHT = 4.0
RECENCY_WEIGHT = 1.0
RECENCY_HALF_LIFE_DAYS = 30.0

_WORD = re.compile(r"\w{3,}", re.UNICODE)
# Words that say nothing about a story's subject; shared ones must not make two stories "related".
_STOPWORDS = frozenset(
    """the and for with from that this have has was were are will into over after about
    their they them what when where which while more than says said new""".split()
)


@dataclass(frozen=True)
class Candidate:
    pk: int
    topics: frozenset[int]
    tags: frozenset[int]
    words: frozenset[str]
    published_at: datetime


def words_of(*texts: str) -> frozenset[str]:
    found: set[str] = set()
    for text in texts:
        found.update(word.lower() for word in _WORD.findall(text or ""))
    return frozenset(found - _STOPWORDS)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets, 0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def score(subject: Candidate, other: Candidate) -> float:
    age_days = abs((subject.published_at - other.published_at).total_seconds()) / 86400
    recency = RECENCY_HALF_LIFE_DAYS / (RECENCY_HALF_LIFE_DAYS + age_days)
    return (
        TOPIC_WEIGHT * len(subject.topics & other.topics)
        + TAG_WEIGHT * len(subject.tags & other.tags)
        + TEXT_WEIGHT * similarity(subject.words, other.words)
        + RECENCY_WEIGHT * recency
    )


def rank(subject: Candidate, others: list[Candidate], limit: int) -> list[int]:
    """Primary keys of the best `limit` candidates, best first; ties go to the newer story."""
    ordered = sorted(
        (other for other in others if other.pk != subject.pk),
        key=lambda other: (-score(subject, other), -other.published_at.timestamp()),
    )
    return [other.pk for other in ordered[:limit]]
