"""The parsers every address goes through (newsdesk.lib.parse): what each accepts, and
what it refuses instead of letting it reach int(), date arithmetic or a database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from newsdesk.lib import parse


@pytest.mark.parametrize(("text", "expected"), [("1", 1), ("42", 42), ("500", 500), ("007", 7)])
def test_it_reads_whole_numbers_in_ascii_digits(text: str, expected: int) -> None:
    assert parse.integer(text, low=1, high=500) == expected


@pytest.mark.parametrize("text", ["²", "①", "\u0663", "\uff14", "-1", "+1", "1.5", " 1", "", "abc"])
def test_it_refuses_numbers_that_are_not_ascii_digits(text: str) -> None:
    with pytest.raises(parse.Invalid) as refused:
        parse.integer(text, low=1, high=500)
    assert not isinstance(refused.value, parse.OutOfRange)


@pytest.mark.parametrize("text", ["0", "501", "2147483648", "9" * 5000])
def test_it_says_when_a_number_is_out_of_range(text: str) -> None:
    with pytest.raises(parse.OutOfRange, match="from 1 to 500"):
        parse.integer(text, low=1, high=500)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-06", datetime(2026, 12, 6, tzinfo=UTC)),
        ("2026-12-06T10:15:00", datetime(2026, 12, 6, 10, 15, tzinfo=UTC)),
        ("2026-12-06T10:15:00Z", datetime(2026, 12, 6, 10, 15, tzinfo=UTC)),
        (
            "2026-12-06T10:15:00+14:00",
            datetime(2026, 12, 6, 10, 15, tzinfo=timezone(timedelta(hours=14))),
        ),
        (
            "2026-12-06T10:15:00-12:00",
            datetime(2026, 12, 6, 10, 15, tzinfo=timezone(timedelta(hours=-12))),
        ),
    ],
)
def test_it_reads_iso_dates_and_times(text: str, expected: datetime) -> None:
    assert parse.moment(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31T23:59:59-23:59",  # an offset nowhere on Earth
        "0001-01-01T00:00:00+23:59",
        "2026-12-06T10:00:00+14:01",
        "9999-12-31",  # a year past MAX_YEAR: adding a day would overflow
        "0001-01-01",
        "2026-W49-7",  # week dates and the basic format: not what we write
        "20261206T101500",
        "\uff12\uff10\uff12\uff16-12-06",
        "2026-02-30",
        "yesterday",
        "",
        "2026-12-06T10:15:00" + "0" * 100,
    ],
)
def test_it_refuses_dates_and_times_no_arithmetic_can_use(text: str) -> None:
    with pytest.raises(parse.Invalid):
        parse.moment(text)


@pytest.mark.parametrize(
    "text", ["9999-12-31", "1899-12-31", "2026-1-1", "2026-13-01", "²026-01-01"]
)
def test_it_refuses_calendar_dates_outside_the_years_or_the_format(text: str) -> None:
    with pytest.raises(parse.Invalid):
        parse.calendar_date(text)


def test_it_reads_a_calendar_date() -> None:
    assert parse.calendar_date("2026-12-06") == date(2026, 12, 6)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))), parse.EARLIEST),
        (datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-23))), parse.LATEST),
        (
            datetime(2026, 12, 6, 12, tzinfo=timezone(timedelta(hours=2))),
            datetime(2026, 12, 6, 10, tzinfo=UTC),
        ),
        (datetime(2026, 12, 6, 12), datetime(2026, 12, 6, 12, tzinfo=UTC)),
    ],
)
def test_it_moves_a_far_bound_of_a_filter_into_the_years_it_can_compare(
    value: datetime, expected: datetime
) -> None:
    assert parse.clamped(value) == expected


@pytest.mark.parametrize("text", ["drought", "خشکسالی", "water-rights-2026", "a" * 255])
def test_it_reads_slugs_in_any_script(text: str) -> None:
    assert parse.slug(text) == text


@pytest.mark.parametrize(
    "text", ["a\x00b", "a\x1fb", "a\x7fb", "a\x85b", "a b", "a/b", "", "a" * 256]
)
def test_it_refuses_slugs_with_control_characters_spaces_or_slashes(text: str) -> None:
    with pytest.raises(parse.Invalid):
        parse.slug(text)


def test_it_reads_comma_separated_slugs_once_each() -> None:
    assert parse.slugs("shelling, airstrike,shelling,", most=3) == ("shelling", "airstrike")


def test_it_refuses_more_slugs_than_allowed() -> None:
    with pytest.raises(parse.Invalid, match="at most 2"):
        parse.slugs("a,b,c", most=2)


@pytest.mark.parametrize("text", ["query with spaces", "خشکسالی", "x" * 10])
def test_it_reads_text_without_control_characters(text: str) -> None:
    assert parse.text(text, max_length=20) == text


@pytest.mark.parametrize("text", ["a\x00", "line\nbreak", "\x1b[31m", "x" * 21])
def test_it_refuses_text_with_control_characters_or_too_long(text: str) -> None:
    with pytest.raises(parse.Invalid):
        parse.text(text, max_length=20)


def test_it_reads_a_bounding_box() -> None:
    assert parse.bbox("35.5,32,42,37.5") == (35.5, 32.0, 42.0, 37.5)


@pytest.mark.parametrize(
    "text",
    ["nan,0,1,1", "inf,0,1,1", "1,2,3", "\u0661,0,1,1", "0,10,1,5", "181,0,1,1", "0,-91,1,1"],
)
def test_it_refuses_boxes_not_on_earth(text: str) -> None:
    with pytest.raises(parse.Invalid):
        parse.bbox(text)


@pytest.mark.parametrize("text", ["abc+/=", "a" * 601, "abc\x00", "ábc"])
def test_it_refuses_cursors_it_never_gives_out(text: str) -> None:
    with pytest.raises(parse.Invalid):
        parse.cursor(text)


def test_it_reads_a_cursor_in_urlsafe_base64() -> None:
    assert parse.cursor("WzAsIjIwMjYiLDFd") == "WzAsIjIwMjYiLDFd"
