"""Readable news prose from templates and word lists.

Each article draws one small set of facts (a country, a topic, the people quoted, a few
numbers) and every sentence is filled from that set, so a story stays about one thing
from headline to last paragraph. Templates are drawn without repetition within an
article, so no sentence appears twice in the same story.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from .world import (
    BARE_ISSUES,
    COUNTRIES,
    FIRST_NAMES,
    INSTITUTIONS,
    LAST_NAMES,
    MONTHS,
    WEEKDAYS,
    Topic,
)

HEADLINES: dict[str, tuple[str, ...]] = {
    "news": (
        "{Country} {gov_present}",
        "{Country} {gov_present} as {actor} {actor_present}",
        "{Actor} in {city} {actor_present}",
        "{City}: {actor} {actor_present}",
        "{Country} {gov_present} amid {issue}",
        "{Actor} {actor_present} as {issue} deepens",
    ),
    "analysis": (
        "What {the_issue} means for {country}",
        "Why {the_issue} is testing {capital}",
        "{Issue}: the winners and losers",
        "Behind {country}'s gamble on {the_issue}",
        "How {the_issue} became {country}'s hardest question",
        "{The_issue} and the limits of power in {capital}",
        "Five questions about {country}'s {issue}",
    ),
    "opinion": (
        "{Country} cannot afford to ignore {the_issue}",
        "It is time to rethink {the_issue}",
        "The real lesson of {the_issue}",
        "{The_issue} needs honesty, not slogans",
        "Stop treating {the_issue} as someone else's problem",
        "{Actor} deserve better than {the_issue}",
        "Listen to {city} before deciding on {the_issue}",
    ),
    "interview": (
        "“{short_quote}”: {interviewee} on {the_issue}",
        "{interviewee}: “{short_quote}”",
        "“{short_quote}”, says {adj} {interviewee_job} {interviewee}",
    ),
    "report": (
        "Inside {country}'s {issue}",
        "Special report: {the_issue} in {region}",
        "{City} after {the_issue}",
        "The long road from {city} to {city2}",
        "Living with {the_issue}: a year in {city}",
        "Who pays for {the_issue}? A journey through {region}",
    ),
}

SHORT_QUOTES = (
    "We are running out of time",
    "Nobody planned for this",
    "The numbers do not lie",
    "{City} cannot wait another year",
    "We need {need}, not promises",
    "This is a political choice",
    "People here have stopped believing announcements",
    "There is still a way out",
)

INTERVIEWEE_JOBS = ("economist", "negotiator", "mayor", "researcher", "activist", "minister")

LEADS: dict[str, tuple[str, ...]] = {
    "news": (
        "{Gov} {gov_past} on {weekday}, a step that {actor} said came too late to ease "
        "{the_issue}.",
        "{Actor} in {city} {actor_past} on {weekday}, adding to the pressure on {gov} over "
        "{the_issue}.",
        "After {n} days of talks, {gov} {gov_past}, officials in {capital} said.",
    ),
    "analysis": (
        "{The_issue} has exposed old fault lines in {country}. {Expert_last} and others "
        "explain why the easy answers have run out.",
        "{Gov} {gov_past}. The decision says as much about politics in {capital} as about "
        "{the_issue} itself.",
        "With {stat} {pct} per cent {updown} than a year ago, {the_issue} is no longer a "
        "problem the government can postpone.",
    ),
    "opinion": (
        "{The_issue} is not a natural disaster but the result of choices. It can be "
        "undone by better ones.",
        "{Actor} have been asking for the same things for years. It is time {capital} listened.",
        "Another plan, another committee: {the_issue} deserves a more honest debate.",
    ),
    "interview": (
        "{interviewee} has worked on {the_issue} for {years} years. We asked what {capital} "
        "gets wrong and what could still be done.",
        "As {the_issue} deepens, we spoke to {interviewee}, {a_adj} {interviewee_job}, in {city}.",
    ),
    "report": (
        "From {city} to {region}, {the_issue} is changing how people live and work. We "
        "spent {n} weeks finding out who pays the price.",
        "{Stat} tell one story; the people of {city} tell another. A report from the heart "
        "of {the_issue}.",
    ),
}

OPENINGS = (
    "{Gov} {gov_past} on {weekday}, a decision that {actor} said had come too late.",
    "{Actor} in {city} {actor_past} on {weekday}, adding to the pressure on {gov} over "
    "{the_issue}.",
    "Late on {weekday}, {gov} {gov_past} after {n} days of talks, officials in {capital} said.",
    "{The_issue} in {country} took a new turn this week when {gov} {gov_past}.",
    "For the people of {city}, {the_issue} stopped being an abstract debate some time ago.",
)

CONTEXT = (
    "{The_issue} has dominated politics in {country} since {month}, when {stat} reached levels "
    "not seen in {years} years.",
    "According to figures published by {institution}, {stat} are now {pct} per cent {updown} "
    "than a year ago.",
    "{Country} is home to about {population} million people, and much of the burden of "
    "{the_issue} has fallen on {region}.",
    "Neighbouring {other} has faced similar pressures, though its government has chosen a "
    "different approach.",
    "Critics say {the_issue} was years in the making, the result of decisions that successive "
    "governments put off.",
    "The government has set aside {money} to deal with {the_issue}, a sum that {actor} call "
    "inadequate.",
    "Around {big} people in {region} are directly affected, according to local authorities.",
    "The last time {stat} moved this fast was more than {years} years ago.",
    "Talks between {country} and {other} on {the_issue2} have stalled since {month}.",
    "Many families in {city} say they now spend a far larger share of their income on {need}.",
    "Officials in {capital} insist the situation is under control, but few outside the "
    "government share that view.",
)

REACTIONS = (
    "“{quote},” said {official}, {official_role}.",
    "{expert}, {expert_role}, called the government's response “{verdict}”.",
    "In {city}, {witness}, a {age}-year-old {occupation}, said the past {n} weeks had been "
    "the hardest in living memory.",
    "“{quote2},” said {witness}, a {occupation} in {city}.",
    "{Actor} {actor_past}, and opposition lawmakers called for a parliamentary inquiry.",
    "Officials in {other} said they were watching the situation closely.",
    "{Actor2} have so far kept a lower profile, but privately they share many of the same "
    "concerns.",
    "“We are asking for {need}, nothing more,” one {occupation} told our correspondent.",
)

OUTLOOKS = (
    "{Gov} is expected to present further measures before the end of {month}.",
    "Talks are due to resume in {city2} next week, but few expect a quick breakthrough.",
    "What happens next may depend less on {capital} than on {actor}, who have so far refused "
    "to back down.",
    "For now, {the_issue} looks set to stay at the top of the agenda.",
    "{Expert_last} expects the debate to sharpen ahead of the budget vote in {month}.",
    "Parliament is due to debate {the_issue} again in {month}.",
)

ANALYSIS = (
    "There are good reasons why {the_issue} has proved so hard to resolve.",
    "Part of the problem is structural: {stat} have been moving the wrong way for a decade, "
    "long before the current crisis.",
    "Seen from {capital}, {the_issue} is a question of sovereignty; seen from {city}, it is a "
    "question of survival.",
    "The risk for the government is that {the_issue} becomes a test of its credibility.",
    "There is also a regional dimension: {other} has its own reasons to want {the_issue} "
    "settled on its terms.",
    "None of this means a solution is out of reach, but it will be expensive and slow.",
    "The numbers alone do not capture how unevenly the burden is shared.",
)

OPINION = (
    "I have reported from {city} for {years} years, and I have rarely seen {the_issue} handled "
    "so badly.",
    "It is tempting to blame {other} for {the_issue}. It is also wrong.",
    "The government's answer so far has been to commission studies. Studies are not a policy.",
    "There is a better way, and it starts with listening to {actor}.",
    "If {capital} wants to be taken seriously, it must publish the figures, set a timetable "
    "and keep to it.",
    "Nobody should have to choose between {need} and {need2}.",
    "We have heard these promises before, in {month} and in every election year since.",
)

QUOTES = (
    "We have been warning about {the_issue} for years, and nobody in {capital} was listening",
    "This is not a technical problem, it is a question of who pays",
    "People in {city} need answers, not another committee",
    "If {the_issue} is not dealt with this year, the cost will be far higher next year",
    "We are ready to talk, but not at any price",
    "The figures speak for themselves",
    "Nobody should have to choose between {need} and {need2}",
    "We did everything we were asked to do, and it still was not enough",
    "There is a deal to be had, if both sides want one",
)

VERDICTS = (
    "too little, too late",
    "a step in the right direction",
    "a gamble with people's livelihoods",
    "long overdue",
    "mostly symbolic",
)

HEADINGS = (
    "What {actor} want",
    "A test for {capital}",
    "The cost of {the_issue}",
    "What comes next",
    "Reactions in {city}",
    "The numbers behind {the_issue}",
    "A regional problem",
    "Voices from {region}",
    "Old promises",
    "The view from {other}",
)

QUESTIONS = (
    "How serious is {the_issue} today?",
    "Who is to blame?",
    "What should {gov} do first?",
    "Are you optimistic about the coming months?",
    "What do people in {city} tell you?",
    "What role does {other} play?",
    "What would you say to {actor}?",
)

ANSWER_OPENERS = ("Very serious. ", "It is complicated. ", "That is the key question. ", "", "")

FACT_TITLES = ("{Issue}: key facts", "At a glance", "The numbers", "{Country} in figures")
FACTS = (
    "{Stat}: {pct} per cent {updown} than a year ago",
    "People affected: about {big}",
    "Money pledged: {money}",
    "Next round of talks: {month}, in {city2}",
    "Population of {country}: about {population} million",
    "Most affected: {region}",
)

KIND_SENTENCES = {
    "news": OPENINGS,
    "report": OPENINGS,
    "analysis": ANALYSIS,
    "opinion": OPINION,
}
VOICED_KINDS = ("analysis", "opinion")

CAPTIONS = (
    "A view of {region} in {country}, where {the_issue} is felt most.",
    "{City}, where {actor} say {the_issue} has changed daily life.",
    "{Region_cap}, {country}. {The_issue} has reshaped the area in a few years.",
    "The outskirts of {city}, {country}.",
)


@dataclass(frozen=True)
class ArticleText:
    title: str
    kicker: str
    lead: str
    dateline: str
    caption: str
    body: list[dict[str, Any]]
    country: str  # where the story is set, for tagging
    city: str


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def block_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _with_article(issue: str) -> str:
    """'the water crisis', but plain 'drought': mass nouns read better without 'the'."""
    return issue if issue in BARE_ISSUES else f"the {issue}"


def _indefinite(word: str) -> str:
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"


def _paragraph(*sentences: str) -> str:
    return "".join(f"<p>{escape(sentence, quote=False)}</p>" for sentence in sentences)


class Deck:
    """Draws templates without repetition until all have been used, then starts over."""

    def __init__(self, rng: random.Random, templates: Sequence[str], refill: bool = True) -> None:
        self.rng = rng
        self.left = list(templates)
        self.rng.shuffle(self.left)
        self.templates = templates if refill else ()

    def draw(self) -> str:
        """The next template; "" once a deck that does not refill is used up."""
        if not self.left and self.templates:
            self.left = list(self.templates)
            self.rng.shuffle(self.left)
        return self.left.pop() if self.left else ""


class NewsWriter:
    """Writes one article at a time from a shared random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def article(self, kind: str, topic: Topic) -> ArticleText:
        facts = self._facts(topic)
        title = _cap(self.rng.choice(HEADLINES[kind]).format_map(facts))
        return ArticleText(
            title=title,
            kicker=self._kicker(topic, facts),
            lead=self.rng.choice(LEADS[kind]).format_map(facts),
            dateline=self._dateline(kind, facts),
            caption=self.rng.choice(CAPTIONS).format_map(facts),
            body=self._body(kind, facts),
            country=facts["country"],
            city=facts["city"],
        )

    # Facts ------------------------------------------------------------------------------

    def _facts(self, topic: Topic) -> dict[str, str]:
        rng = self.rng
        country, other = rng.sample(COUNTRIES, 2)
        city, city2 = rng.sample(country.cities, 2)
        issue, issue2 = rng.sample(topic.issues, 2)
        actor, actor2 = rng.sample(topic.actors, 2)
        need, need2 = rng.sample(topic.needs, 2)
        expert, official, witness = person_name(rng), person_name(rng), person_name(rng)
        facts = {
            "country": country.name,
            "adj": country.adjective,
            "a_adj": _indefinite(country.adjective),
            "capital": country.capital,
            "city": city,
            "city2": city2,
            "region": rng.choice(country.regions),
            "other": other.name,
            "population": str(country.population_millions),
            "gov": rng.choice(
                ("the government", f"the {country.adjective} government", "the cabinet")
            ),
            "issue": issue,
            "issue2": issue2,
            "actor": actor,
            "actor2": actor2,
            "need": need,
            "need2": need2,
            "stat": rng.choice(topic.stats),
            "occupation": rng.choice(topic.occupations),
            "official": official,
            "official_role": f"the {country.adjective} minister for {topic.portfolio}",
            "expert": expert,
            "expert_last": expert.split(" ", 1)[1],
            "expert_role": f"an analyst at {rng.choice(INSTITUTIONS)}",
            "witness": witness,
            "interviewee": person_name(rng),
            "interviewee_job": rng.choice(INTERVIEWEE_JOBS),
            "institution": rng.choice(INSTITUTIONS),
            "weekday": rng.choice(WEEKDAYS),
            "month": rng.choice(MONTHS),
            "n": str(rng.randint(2, 12)),
            "years": str(rng.randint(3, 30)),
            "age": str(rng.randint(23, 71)),
            "pct": str(rng.randint(4, 65)),
            "updown": rng.choice(("higher", "lower")),
            "big": f"{rng.randint(12, 990) * 100:,}",
            "money": f"${rng.randint(12, 950)} million",
            "verdict": rng.choice(VERDICTS),
        }
        gov_event = rng.choice(topic.gov_events)
        actor_event = rng.choice(topic.actor_events)
        facts["gov_present"] = gov_event.present.format_map(facts)
        facts["gov_past"] = gov_event.past.format_map(facts)
        facts["actor_present"] = actor_event.present
        facts["actor_past"] = actor_event.past
        facts["the_issue"] = _with_article(issue)
        facts["the_issue2"] = _with_article(issue2)
        for key in ("country", "city", "gov", "issue", "the_issue", "actor", "actor2", "stat"):
            facts[_cap(key)] = _cap(facts[key])
        facts["Region_cap"] = _cap(facts["region"])
        facts["Expert_last"] = facts["expert_last"]
        facts["short_quote"] = rng.choice(SHORT_QUOTES).format_map(facts)
        for key, quote in zip(("quote", "quote2", "quote3"), rng.sample(QUOTES, 3), strict=True):
            facts[key] = quote.format_map(facts)
        return facts

    def _kicker(self, topic: Topic, facts: dict[str, str]) -> str:
        roll = self.rng.random()
        if roll < 0.3:
            return self.rng.choice(topic.kickers)
        if roll < 0.45:
            return facts["country"]
        return ""

    def _dateline(self, kind: str, facts: dict[str, str]) -> str:
        if kind in ("news", "report") and self.rng.random() < 0.7:
            return self.rng.choice((facts["city"], facts["capital"]))
        return ""

    # Body -------------------------------------------------------------------------------

    def _body(self, kind: str, facts: dict[str, str]) -> list[dict[str, Any]]:
        count = self.rng.randint(4, 8)
        paragraphs = (
            self._interview(facts, count)
            if kind == "interview"
            else self._prose(kind, facts, count)
        )
        blocks = [self._block("paragraph", html) for html in paragraphs]
        positions = self._heading_positions(count)
        headings = self.rng.sample(HEADINGS, len(positions))
        for position, heading in zip(positions, headings, strict=True):
            blocks.insert(position, self._block("heading", _cap(heading.format_map(facts))))
        if self.rng.random() < 0.35:
            blocks.insert(self._after_opening(blocks), self._quote(facts))
        if self.rng.random() < 0.25:
            blocks.insert(self._after_opening(blocks), self._fact_box(facts))
        return blocks

    def _prose(self, kind: str, facts: dict[str, str], count: int) -> list[str]:
        own = Deck(self.rng, KIND_SENTENCES[kind], refill=False)
        shared = Deck(self.rng, (*CONTEXT, *REACTIONS))
        outlooks = Deck(self.rng, OUTLOOKS)
        paragraphs = []
        for index in range(count):
            # Analysis and opinion keep their own voice through the piece; news and reports
            # use theirs for the opening only, then stick to facts and reactions.
            first = own.draw() if index == 0 or kind in VOICED_KINDS else None
            sentences = [first or shared.draw()]
            sentences += [shared.draw() for _ in range(self.rng.randint(1, 2))]
            if index == count - 1:
                sentences.append(outlooks.draw())
            paragraphs.append(" ".join(s.format_map(facts) for s in sentences))
        return [_paragraph(text) for text in paragraphs]

    def _interview(self, facts: dict[str, str], count: int) -> list[str]:
        intro = (
            f"{facts['interviewee']} has spent {facts['years']} years working on the "
            f"{facts['issue']} as {facts['a_adj']} {facts['interviewee_job']}. We met in "
            f"{facts['city']}. The interview has been edited for length and clarity."
        )
        questions = Deck(self.rng, QUESTIONS)
        answers = Deck(self.rng, (*CONTEXT, *OUTLOOKS, *QUOTES))
        paragraphs = [_paragraph(intro)]
        for _ in range(count - 1):
            answer = self.rng.choice(ANSWER_OPENERS) + answers.draw().format_map(facts)
            question = questions.draw().format_map(facts)
            paragraphs.append(
                f"<p><b>{escape(question, quote=False)}</b></p>"
                + _paragraph(answer.rstrip(".") + ".")
            )
        return paragraphs

    def _heading_positions(self, paragraphs: int) -> list[int]:
        """Sub-headings go between paragraphs, never before the first one."""
        wanted = min(self.rng.randint(1, 3), paragraphs - 1)
        slots = sorted(self.rng.sample(range(1, paragraphs), wanted), reverse=True)
        return slots  # inserted back to front so earlier positions stay valid

    def _after_opening(self, blocks: list[dict[str, Any]]) -> int:
        return self.rng.randint(1, len(blocks) - 1)

    def _quote(self, facts: dict[str, str]) -> dict[str, Any]:
        speaker = self.rng.choice(
            (
                (facts["official"], facts["official_role"]),
                (facts["expert"], facts["expert_role"]),
            )
        )
        return self._block(
            "quote",
            {"text": facts["quote3"] + ".", "attribution": f"{speaker[0]}, {speaker[1]}"},
        )

    def _fact_box(self, facts: dict[str, str]) -> dict[str, Any]:
        items = self.rng.sample(FACTS, self.rng.randint(3, 4))
        body = "".join(f"<li>{escape(item.format_map(facts), quote=False)}</li>" for item in items)
        title = self.rng.choice(FACT_TITLES).format_map(facts)
        return self._block("fact_box", {"title": title, "body": f"<ul>{body}</ul>"})

    def _block(self, kind: str, value: Any) -> dict[str, Any]:
        return {"type": kind, "value": value, "id": block_id(self.rng)}
