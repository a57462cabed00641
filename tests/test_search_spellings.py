"""Arabic and Persian spelled either way: one normalisation for what is indexed and what
readers type (newsdesk.search.text), on whichever database the tests run (SQLite FTS5 or
PostgreSQL full text)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Locale

from newsdesk.search import text

from . import factories
from .test_search import titles

# Letters that are written several ways, and the marks that may be left out.
VARIANT_PAIRS = [
    (variant, letter) for letter, variants in text.VARIANTS.items() for variant in variants
]
HARAKAT = [chr(code) for code in range(0x064B, 0x0653)] + ["\u0670"]
TATWEEL = "\u0640"
ZWNJ = "\u200c"
LETTERS = st.sampled_from([chr(code) for code in range(0x0621, 0x064B)] + list("پچژگکی") + [" "])


@given(st.text(alphabet=LETTERS, max_size=40))
def test_normalising_twice_changes_nothing_more(words: str) -> None:
    assert text.normalize(text.normalize(words)) == text.normalize(words)


@given(st.text(alphabet=LETTERS, max_size=40), st.data())
def test_a_letters_variants_are_read_as_the_letter(words: str, data: st.DataObject) -> None:
    variant, letter = data.draw(st.sampled_from(VARIANT_PAIRS))
    assert text.normalize(words + variant + words) == text.normalize(words + letter + words)


@given(st.text(alphabet=LETTERS, min_size=1, max_size=40), st.data())
def test_short_vowels_and_tatweel_are_left_out(words: str, data: st.DataObject) -> None:
    marks = data.draw(st.lists(st.sampled_from([*HARAKAT, TATWEEL]), min_size=1, max_size=4))
    position = data.draw(st.integers(min_value=0, max_value=len(words)))
    marked = words[:position] + "".join(marks) + words[position:]
    assert text.normalize(marked) == text.normalize(words)


WORD = st.text(alphabet=LETTERS.filter(lambda char: char != " "), min_size=2, max_size=12)


@given(st.text(alphabet=LETTERS, min_size=1, max_size=20), st.text(alphabet=LETTERS, max_size=20))
def test_a_query_reads_a_zero_width_non_joiner_as_joining(first: str, second: str) -> None:
    assert text.terms(f"{first}{ZWNJ}{second}") == text.terms(f"{first}{second}")


JOINS = [("می", ""), ("نمی", ""), ("", "ها"), ("", "های")]  # noqa: RUF001


def _spellings(word: str, prefix: str, suffix: str) -> list[str]:
    """A Persian word with its prefix or ending written joined, with a non-joiner, apart."""
    return [
        f"{prefix}{glue}{word}" if prefix else f"{word}{glue}{suffix}" for glue in ("", ZWNJ, " ")
    ]


@given(WORD, st.sampled_from(JOINS), st.data())
def test_a_persian_word_written_any_way_is_one_query_word(
    word: str, join: tuple[str, str], data: st.DataObject
) -> None:
    first, second = data.draw(st.permutations(_spellings(word, *join)))[:2]
    assert text.terms(first) == text.terms(second)


@given(WORD, st.sampled_from(JOINS), st.data())
def test_the_index_holds_what_a_query_of_any_spelling_looks_for(
    word: str, join: tuple[str, str], data: st.DataObject
) -> None:
    written, typed = (data.draw(st.sampled_from(_spellings(word, *join))) for _ in range(2))
    context = data.draw(st.sampled_from(["", "او ", " را"]))
    indexed = text.words(
        text.index_form(context + written if context.endswith(" ") else written + context)
    )
    # The query's words as the engine reads them (SQLite's tokenizer, here).
    assert text.words(" ".join(text.terms(typed))) - {"را", "او"} <= indexed


# Words of at least two letters once normalized (which drops the tatweel, U+0640): the
# stemmer leaves a stem of two letters at least, so a one-letter word keeps its article.
ARABIC_WORD = st.text(
    alphabet=[chr(code) for code in range(0x0621, 0x064B)], min_size=2, max_size=10
).filter(lambda word: len(text.normalize(word)) >= 2)
ARTICLE_FORMS = ["ال", "لل", "بال", "وال", "فال", "كال"]


@given(ARABIC_WORD, st.sampled_from(ARTICLE_FORMS), st.sampled_from(ARTICLE_FORMS))
def test_an_arabic_word_with_any_joined_article_has_one_stem(
    word: str, prefix: str, other: str
) -> None:
    first, second = (text.normalize(f"{p}{word}") for p in (prefix, other))
    assert text.arabic_stem(first) == text.arabic_stem(second) == text.normalize(word)


@given(ARABIC_WORD)
def test_a_stem_keeps_at_least_two_letters(word: str) -> None:
    assert len(text.arabic_stem(word)) >= min(2, len(word))
    assert word.endswith(text.arabic_stem(word))


@given(st.text(max_size=60))
def test_any_query_gives_at_most_a_dozen_normalised_words(query: str) -> None:
    found = text.terms(query)
    assert len(found) <= text.MAX_TERMS
    assert all(word == text.normalize(word).lower() for word in found)


# (language, title as published, the same words as another reader types them)
SPELLINGS = [
    ("ar", "مستشفى المدينة يستقبل الجرحى", "مستشفي"),  # alef maksura / yeh
    ("ar", "مستشفى المدينة يستقبل الجرحى", "مستشفی"),  # Persian yeh
    ("ar", "مكتبة الجامعة تفتح أبوابها", "مکتبه"),  # Persian kaf, heh for teh marbuta
    ("ar", "مكتبة الجامعة تفتح أبوابها", "ابوابها"),  # alef without hamza
    ("ar", "إغلاق الطريق إلى المطار", "اغلاق"),  # alef with hamza below
    ("ar", "آثار المدينة القديمة", "اثار"),  # alef with madda
    ("ar", "مكتبة الجامعة تفتح أبوابها", "مَكْتَبَة"),  # with short vowels
    ("ar", "مكتبة الجامعة تفتح أبوابها", "مكـــتبة"),  # with tatweel
    ("fa", "کتابخانه دانشگاه بازگشایی شد", "كتابخانه"),  # Arabic kaf
    ("fa", "کتابخانه دانشگاه بازگشایی شد", "بازگشايي"),  # Arabic yeh
    # A verb's prefix joined with a non-joiner, with nothing or apart: each finds the others.
    ("fa", "می‌خواهند مدرسه را بسازند", "می خواهند"),
    ("fa", "می‌خواهند مدرسه را بسازند", "میخواهند"),
    ("fa", "می خواهند بیمارستان را بسازند", "می‌خواهند"),
    ("fa", "می خواهند بیمارستان را بسازند", "میخواهند"),
    ("fa", "میروند تا پل را ببینند", "می‌روند"),
    ("fa", "میروند تا پل را ببینند", "می روند"),
    ("fa", "نمی‌توانند به خانه برگردند", "نمیتوانند"),
    ("fa", "کتاب‌ها به کتابخانه رسید", "کتابها"),  # noqa: RUF001 (a plural's ending)
    ("fa", "کتاب‌ها به کتابخانه رسید", "کتاب"),  # noqa: RUF001 (and the word alone)
    # Arabic's joined article and prepositions, on both databases.
    ("ar", "أزمة المياه في الجنوب", "للمياه"),
    ("ar", "خطة للمياه في الجنوب", "المياه"),
    ("ar", "المزارعون ينتظرون المطر", "بالمطر"),
    ("ar", "المزارعون ينتظرون المطر", "للمطر"),
]


@pytest.fixture
def sections(home):  # type: ignore[no-untyped-def]
    found = {}
    for language in ("ar", "fa"):
        locale, _created = Locale.objects.get_or_create(language_code=language)
        translated = home.copy_for_translation(locale)
        translated.save_revision().publish()
        found[language] = factories.make_section(translated, f"News{language}")
    return found


@pytest.mark.parametrize(("language", "title", "query"), SPELLINGS)
def test_a_query_spelled_either_way_finds_the_article(
    client: Client, sections, language: str, title: str, query: str
) -> None:
    factories.make_article(sections[language], title, slug="story")

    assert title in titles(client, f"/{language}/search/?q={quote(query)}")


@pytest.mark.parametrize(
    ("language", "title", "typo", "meant", "did_you_mean"),
    [
        ("ar", "الفيضانات تغمر القرى", "الفيضانت", "الفيضانات", "هل تقصد"),
        ("fa", "سیلاب روستاها را فرا گرفت", "روستاهای", "روستاها", "منظورتان این بود"),
    ],
)
def test_it_suggests_a_word_in_the_readers_language(
    client: Client, sections, language: str, title: str, typo: str, meant: str, did_you_mean: str
) -> None:
    factories.make_article(sections[language], title, slug="story")

    html = client.get(f"/{language}/search/", {"q": typo}).content.decode()

    assert did_you_mean in html
    assert f'href="?q={quote(text.normalize(meant))}"' in html


def test_a_one_letter_word_keeps_its_article() -> None:
    assert text.arabic_stem("الء") == "الء"
