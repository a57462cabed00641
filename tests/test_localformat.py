"""Dates, times and numbers per language and setting (newsdesk.lib.localformat)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.lib import env, localformat, times

MOMENT = datetime(2026, 12, 6, 14, 5, 30, tzinfo=UTC)
PERSIAN_DIGITS = localformat.DIGITS["arabext"]
ARABIC_DIGITS = localformat.DIGITS["arab"]


def persian(text: str) -> str:
    """`text` with Persian digits (written here in Latin ones: easier to read and check)."""
    return text.translate(str.maketrans("0123456789", PERSIAN_DIGITS))


def arabic(text: str) -> str:
    return text.translate(str.maketrans("0123456789", ARABIC_DIGITS))


@pytest.mark.parametrize(
    ("language", "formats", "expected"),
    [
        ("en", {}, "6 December 2026"),
        ("ar", {}, "6 ديسمبر 2026"),
        ("ar", {"ar": {"digits": "arab"}}, arabic("6 ديسمبر 2026")),
        ("fa", {}, persian("15 آذر 1405")),
        ("fa", {"fa": {"calendar": "gregorian"}}, persian("6 دسامبر 2026")),
        ("fa", {"fa": {"calendar": "persian", "digits": "latn"}}, "15 آذر 1405"),
    ],
)
def test_a_day_is_written_in_the_languages_calendar_and_digits(
    settings, language: str, formats: dict, expected: str
) -> None:
    settings.LOCAL_FORMATS = formats
    assert localformat.day(MOMENT, language) == expected


@pytest.mark.parametrize(
    ("language", "formats", "expected"),
    [
        ("en", {}, "6 December 2026, 14:05"),
        ("ar", {}, "6 ديسمبر 2026، 14:05"),
        ("ar", {"ar": {"digits": "arab"}}, arabic("6 ديسمبر 2026، 14:05")),
        ("fa", {}, persian("15 آذر 1405، 14:05")),
    ],
)
def test_an_articles_time_of_day_follows_its_day_after_the_languages_comma(
    settings, language: str, formats: dict, expected: str
) -> None:
    settings.LOCAL_FORMATS = formats
    assert localformat.day_and_time(MOMENT, language) == expected


@pytest.mark.parametrize(
    ("language", "formats", "expected"),
    [
        ("en", {}, "1,234,567"),
        ("ar", {}, "1,234,567"),
        ("ar", {"ar": {"digits": "arab"}}, arabic("1٬234٬567")),
        ("fa", {}, persian("1٬234٬567")),
    ],
)
def test_a_number_has_the_languages_digits_and_separators(
    settings, language: str, formats: dict, expected: str
) -> None:
    settings.LOCAL_FORMATS = formats
    assert localformat.number(1234567, language) == expected


@pytest.mark.parametrize(
    ("language", "gregorian", "expected"),
    [
        ("en", False, "December 2026"),
        ("fa", False, persian("آذر 1405")),
        ("fa", True, persian("دسامبر 2026")),
    ],
)
def test_a_month_is_named_in_the_language(language: str, gregorian: bool, expected: str) -> None:
    assert localformat.month(MOMENT, language, gregorian=gregorian) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_a_persian_day_is_written_in_persian_digits_only(day: date) -> None:
    written = localformat.day(day, "fa")
    assert not any(char.isascii() and char.isdigit() for char in written)
    assert any(char in PERSIAN_DIGITS for char in written)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_an_arabic_indic_number_reads_back_as_the_number(number: int) -> None:
    with override_settings(LOCAL_FORMATS={"ar": {"digits": "arab"}}):
        written = localformat.number(number, "ar")
    assert not any(char.isascii() and char.isdigit() for char in written)
    back = written.translate(str.maketrans(ARABIC_DIGITS, "0123456789", "٬,\u200f\u061c"))
    assert int(back.replace("\u2212", "-")) == number


def test_an_unknown_digit_setting_is_refused(settings) -> None:
    settings.LOCAL_FORMATS = {"ar": {"digits": "roman"}}
    with pytest.raises(ValueError, match="digits"):
        localformat.style("ar")


@pytest.mark.parametrize(
    ("language", "intl"),
    [
        ("en", "en-GB-u-ca-gregory-nu-latn"),
        ("ar", "ar-u-ca-gregory-nu-latn"),
        ("fa", "fa-u-ca-persian-nu-arabext"),
    ],
)
def test_the_maps_script_gets_the_same_calendar_and_digits(language: str, intl: str) -> None:
    assert localformat.table(language)["intl"] == intl


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_the_time_element_keeps_a_gregorian_machine_time(language: str) -> None:
    template = Template('{% include "components/time.html" with value=moment with_time=True %}')
    with translation.override(language):
        html = template.render(Context({"moment": MOMENT}))
    assert f'datetime="{times.machine_time(MOMENT)}"' in html
    assert localformat.day_and_time(MOMENT, language) in html


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, {"ar": {"digits": "latn"}, "fa": {"calendar": "persian"}}),
        (
            {"ARABIC_DIGITS": "arab", "PERSIAN_CALENDAR": "gregorian"},
            {"ar": {"digits": "arab"}, "fa": {"calendar": "gregorian"}},
        ),
    ],
)
def test_the_environment_chooses_digits_and_calendar(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: dict
) -> None:
    for name in ("ARABIC_DIGITS", "PERSIAN_CALENDAR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert env.read().local_formats == expected


def test_a_wrong_digit_setting_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARABIC_DIGITS", "roman")
    with pytest.raises(ValueError, match="ARABIC_DIGITS"):
        env.read()
