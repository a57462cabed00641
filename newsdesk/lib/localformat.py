"""Dates, times and numbers for readers, one formatter per language.

Month names and number separators come from CLDR through Babel; the Solar Hijri
calendar from jdatetime. Babel writes digits in Latin whatever the locale, so the
language's digits are put in last. Each language's digits and calendar are settings
(`LOCAL_FORMATS`, newsdesk.lib.env): Arabic with Western (`latn`, the default) or
Arabic-Indic (`arab`) digits, Persian with Persian digits (`arabext`) and the Solar Hijri
calendar by default, Gregorian on request.

Machines never read these: `<time datetime>`, feeds' dates, sitemaps and JSON-LD stay
Gregorian ISO (newsdesk.lib.times.machine_time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import Any

import jdatetime
from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from django.conf import settings
from django.utils import timezone, translation

DIGITS = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "arabext": "۰۱۲۳۴۵۶۷۸۹",  # Extended Arabic-Indic, as Persian writes them
}
CALENDARS = ("gregorian", "persian")
DEFAULTS: dict[str, dict[str, str]] = {
    "en": {"digits": "latn", "calendar": "gregorian"},
    "ar": {"digits": "latn", "calendar": "gregorian"},
    "fa": {"digits": "arabext", "calendar": "persian"},
}
# The browser's plain "en" writes month day, year (US style); the site writes day month
# year ("d MMMM y"), as British English does.
INTL_LANGUAGES = {"en": "en-GB"}
# The Arabic comma (U+060C), turned the right way for right-to-left text.
COMMAS = {"ar": "، ", "fa": "، "}
# jdatetime's own Persian month names (Farvardin .. Esfand).
PERSIAN_MONTHS = jdatetime.date.j_months_fa


@dataclass(frozen=True)
class Style:
    language: str
    digits: str
    calendar: str

    @property
    def intl(self) -> str:
        """The same style as a BCP 47 tag for the browser's Intl.DateTimeFormat."""
        calendar = "persian" if self.calendar == "persian" else "gregory"
        language = INTL_LANGUAGES.get(self.language, self.language)
        return f"{language}-u-ca-{calendar}-nu-{self.digits}"

    @property
    def comma(self) -> str:
        """The comma between items of a list: ، in Arabic and Persian."""
        return _comma(self.language)


def style(language: str | None = None) -> Style:
    """The style of `language` (the active one when not given), with the site's settings."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return _style(code, _settings_key())


def _settings_key() -> tuple[tuple[str, str, str], ...]:
    configured: dict[str, dict[str, str]] = getattr(settings, "LOCAL_FORMATS", {})
    return tuple(
        (language, name, value)
        for language, options in sorted(configured.items())
        for name, value in sorted(options.items())
    )


@cache
def _style(language: str, configured: tuple[tuple[str, str, str], ...]) -> Style:
    options = dict(DEFAULTS.get(language, DEFAULTS["en"]))
    options.update({name: value for lang, name, value in configured if lang == language})
    if options["digits"] not in DIGITS:
        raise ValueError(f"LOCAL_FORMATS: unknown digits {options['digits']!r} for {language}")
    if options["calendar"] not in CALENDARS:
        raise ValueError(f"LOCAL_FORMATS: unknown calendar {options['calendar']!r}")
    return Style(language, options["digits"], options["calendar"])


def _comma(language: str) -> str:
    # Not CLDR's list pattern: Arabic's joins items with و ("and"), not with a comma.
    return COMMAS.get(language, ", ")


def digits(text: str, language: str | None = None) -> str:
    """`text` with its Latin digits written in the language's digits."""
    wanted = style(language).digits
    if wanted == "latn":
        return text
    return text.translate(str.maketrans(DIGITS["latn"], DIGITS[wanted]))


def number(value: int | float, language: str | None = None) -> str:
    """The number with the language's digits and group separator (Arabic's U+066C)."""
    chosen = style(language)
    system = "latn" if chosen.digits == "latn" else chosen.digits
    return digits(format_decimal(value, locale=chosen.language, numbering_system=system), language)


def _local(value: datetime | date) -> datetime | date:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def day(value: datetime | date | None, language: str | None = None) -> str:
    """The day with its month's name (6 December 2026), in the language's calendar."""
    if value is None:
        return ""
    chosen = style(language)
    local = _local(value)
    if chosen.calendar == "persian":
        solar = jdatetime.date.fromgregorian(date=_as_date(local))
        return digits(f"{solar.day} {PERSIAN_MONTHS[solar.month - 1]} {solar.year}", language)
    return digits(format_date(_as_date(local), "d MMMM y", locale=chosen.language), language)


def month(value: datetime | date, language: str | None = None, *, gregorian: bool = False) -> str:
    """The month and year: December 2026, آذر ۱۴۰۵; `gregorian` for a Gregorian month
    (an archive's month is one, whatever the reader's calendar: دسامبر ۲۰۲۶)."""
    chosen = style(language)
    local = _as_date(_local(value))
    if chosen.calendar == "persian" and not gregorian:
        solar = jdatetime.date.fromgregorian(date=local)
        return digits(f"{PERSIAN_MONTHS[solar.month - 1]} {solar.year}", language)
    return digits(format_date(local, "LLLL y", locale=chosen.language), language)


def clock(value: datetime | time | None, language: str | None = None) -> str:
    """The time of day on the 24-hour clock (14:05), in the site's time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value) if isinstance(value, datetime) else value
    return digits(format_time(local, "HH:mm", locale=style(language).language), language)


def day_and_time(value: datetime | None, language: str | None = None) -> str:
    """The day and the time of day, separated by the language's comma."""
    if value is None:
        return ""
    return f"{day(value, language)}{style(language).comma}{clock(value, language)}"


def join(items: list[str], language: str | None = None) -> str:
    """Items separated by the language's comma."""
    return style(language).comma.join(items)


def table(language: str | None = None) -> dict[str, Any]:
    """What the map's script needs to write dates and numbers like the server does."""
    chosen = style(language)
    return {"intl": chosen.intl, "comma": chosen.comma, "digits": DIGITS[chosen.digits]}


def _as_date(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value
