"""Arabic and Persian stories from the patterns of tongues.py.

Like text.NewsWriter: each article draws one set of facts and fills every sentence from
it, and no sentence appears twice in a story. Numbers are written in the language's own
digits (Persian), or the Western digits Arabic newsrooms of the region mostly print.
"""

from __future__ import annotations

import random
from html import escape
from typing import Any

from .text import ArticleText, Deck, block_id
from .tongues import LocalTopic, Tongue

# Sentences drawn for the body of each kind besides context and reactions.
VOICED_KINDS = ("analysis", "opinion")


def local_digits(tongue: Tongue, text: str) -> str:
    return text.translate(str.maketrans("0123456789", tongue.digits))


def person_name(tongue: Tongue, rng: random.Random, *, woman: bool = False) -> str:
    first = rng.choice(tongue.women if woman else tongue.men)
    return f"{first} {rng.choice(tongue.surnames)}"


def _paragraph(*sentences: str) -> str:
    return "".join(f"<p>{escape(sentence, quote=False)}</p>" for sentence in sentences)


class LocalWriter:
    """Writes one article at a time in one language from a shared random stream."""

    def __init__(self, tongue: Tongue, rng: random.Random) -> None:
        self.tongue = tongue
        self.rng = rng

    def article(self, kind: str, topic: LocalTopic) -> ArticleText:
        facts = self._facts(topic)
        tongue, rng = self.tongue, self.rng
        return ArticleText(
            title=rng.choice(tongue.headlines[kind]).format_map(facts),
            kicker=rng.choice(topic.kickers) if rng.random() < 0.4 else "",
            lead=rng.choice(tongue.leads[kind]).format_map(facts),
            dateline=facts["city"] if kind in ("news", "report") and rng.random() < 0.7 else "",
            caption=rng.choice(tongue.captions).format_map(facts),
            body=self._body(kind, facts),
            country=facts["country"],
            city=facts["city"],
        )

    def _facts(self, topic: LocalTopic) -> dict[str, str]:
        tongue, rng = self.tongue, self.rng
        place, other = rng.sample(tongue.places, 2)
        city, city2 = rng.sample(place.cities, 2)
        issue, issue2 = rng.sample(topic.issues, 2)
        number = lambda value: local_digits(tongue, str(value))  # noqa: E731
        facts = {
            "country": place.country,
            "capital": place.capital,
            "city": city,
            "city2": city2,
            "other": other.country,
            "population": number(place.population_millions),
            "issue": issue,
            "issue2": issue2,
            "action": rng.choice(topic.actions),
            "actor": rng.choice(topic.actors),
            "official": person_name(tongue, rng),
            "expert": person_name(tongue, rng),
            "interviewee": person_name(tongue, rng),
            "witness": person_name(tongue, rng, woman=True),
            "institution": rng.choice(tongue.institutions),
            "weekday": rng.choice(tongue.weekdays),
            "month": rng.choice(tongue.months),
            "pct": number(rng.randint(11, 65)),
            "big": number(rng.randint(12, 990) * 100),
            "money": tongue.money.format(m=number(rng.randint(12, 950))),
        }
        facts["short_quote"] = rng.choice(tongue.short_quotes)
        for key, quote in zip(("quote", "quote2"), rng.sample(tongue.quotes, 2), strict=True):
            facts[key] = quote.format_map(facts)
        return facts

    def _body(self, kind: str, facts: dict[str, str]) -> list[dict[str, Any]]:
        count = self.rng.randint(4, 6)
        paragraphs = (
            self._interview(facts, count)
            if kind == "interview"
            else self._prose(kind, facts, count)
        )
        blocks = [self._block("paragraph", html) for html in paragraphs]
        wanted = min(self.rng.randint(1, 2), count - 1)
        positions = sorted(self.rng.sample(range(1, count), wanted), reverse=True)
        headings = self.rng.sample(self.tongue.headings, len(positions))
        for position, heading in zip(positions, headings, strict=True):
            blocks.insert(position, self._block("heading", heading.format_map(facts)))
        if self.rng.random() < 0.25:
            items = self.rng.sample(self.tongue.facts, 3)
            body = "".join(f"<li>{escape(i.format_map(facts), quote=False)}</li>" for i in items)
            value = {"title": self.tongue.fact_title, "body": f"<ul>{body}</ul>"}
            blocks.insert(self.rng.randint(1, len(blocks) - 1), self._block("fact_box", value))
        return blocks

    def _prose(self, kind: str, facts: dict[str, str], count: int) -> list[str]:
        tongue = self.tongue
        voice = {"analysis": tongue.analysis, "opinion": tongue.opinion}.get(kind, tongue.openings)
        own = Deck(self.rng, voice, refill=False)
        shared = Deck(self.rng, (*tongue.context, *tongue.reactions))
        outlooks = Deck(self.rng, tongue.outlooks)
        paragraphs = []
        for index in range(count):
            first = own.draw() if index == 0 or kind in VOICED_KINDS else None
            sentences = [first or shared.draw()]
            sentences += [shared.draw() for _ in range(self.rng.randint(1, 2))]
            if index == count - 1:
                sentences.append(outlooks.draw())
            paragraphs.append(" ".join(s.format_map(facts) for s in sentences))
        return [_paragraph(text) for text in paragraphs]

    def _interview(self, facts: dict[str, str], count: int) -> list[str]:
        tongue = self.tongue
        questions = Deck(self.rng, tongue.questions)
        answers = Deck(self.rng, (*tongue.context, *tongue.analysis, *tongue.outlooks))
        paragraphs = [_paragraph(tongue.interview_intro.format_map(facts))]
        for _ in range(count - 1):
            question = questions.draw().format_map(facts)
            paragraphs.append(
                f"<p><b>{escape(question, quote=False)}</b></p>"
                + _paragraph(answers.draw().format_map(facts))
            )
        return paragraphs

    def _block(self, kind: str, value: Any) -> dict[str, Any]:
        return {"type": kind, "value": value, "id": block_id(self.rng)}
