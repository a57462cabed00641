"""The query parameters each kind of page reads, parsed once, at the edge.

Every view and page declares the parameters that change what it shows (a `QuerySpec`):
list pages their `page`, search its form fields, the map its filters, an article its
comment paging. `of(request, spec)` parses them with the parsers of `newsdesk.lib.parse`
and returns a `Query`: typed values, defaults filled in, and the canonical text of those
that differ from the default. Views read the `Query`, never `request.GET`; the page
cache (pagecache.py) keys each page on the same canonical text. So what a page shows and
the entry it is kept under depend on the same values, and a parameter no page reads
(`utm_source`, a typo, junk) changes neither.

A value that cannot be read is the page's 400 (`BadRequest`); a well-formed page number
past what exists is its 404. Nothing a reader types reaches a database unchecked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, HttpRequest, QueryDict
from django.urls import ResolverMatch
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from newsdesk.lib import parse

# Deep pages cost an OFFSET scan; past this, readers should use the archive or search.
MAX_PAGE = 500
MAX_ID = parse.MAX_ID

V = TypeVar("V", bound=Callable[..., Any])


@dataclass(frozen=True)
class Param:
    """One query parameter: how its text is read, and its value when absent or empty."""

    name: str
    parse: Callable[[str], Any]
    default: Any = None
    # Read every value given (repeated, or comma-separated) as one sorted tuple.
    many: bool = False
    # A well-formed value out of range means "no such page": 404 rather than 400.
    out_of_range_is_404: bool = False

    def read(self, query: QueryDict) -> Any:
        if self.many:
            raw = ",".join(query.getlist(self.name))
            return tuple(sorted(self.parse(raw))) if raw.strip(", ") else self.default
        text = query.get(self.name, "")
        return self.parse(text) if text != "" else self.default


@dataclass(frozen=True)
class QuerySpec:
    params: tuple[Param, ...] = ()
    # Makes equivalent values equal (e.g. the map's dates, meaningless with a set period).
    tidy: Callable[[dict[str, Any]], dict[str, Any]] | None = None


@dataclass(frozen=True)
class Query:
    values: Mapping[str, Any]
    # (name, canonical text) of each value that differs from its default, by name.
    given: tuple[tuple[str, str], ...] = field(default=())

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def urlencode(self, **changes: Any) -> str:
        """The canonical query string, with `changes` (None drops a parameter)."""
        items = dict(self.given)
        for name, value in changes.items():
            if value is None:
                items.pop(name, None)
            else:
                items[name] = _canonical(value)
        return urlencode(sorted(items.items()))

    def querydict(self) -> QueryDict:
        """The canonical values as a QueryDict, for a form to read."""
        data = QueryDict(mutable=True)
        for name, value in self.given:
            many = isinstance(self.values[name], tuple)
            data.setlist(name, value.split(",") if many else [value])
        return data


NOTHING = QuerySpec()


def of_nothing() -> Query:
    """The query of a page rendered without a request (no parameters, defaults only)."""
    return Query({})


def of(request: HttpRequest, spec: QuerySpec) -> Query:
    """The request's values of `spec`'s parameters, parsed once per request; a bad one
    raises BadRequest (a page past what exists: Http404)."""
    known: dict[QuerySpec, Query] = request.__dict__.setdefault("_newsdesk_queries", {})
    if spec not in known:
        known[spec] = _read(request.GET, spec)
    return known[spec]


def any_given(request: HttpRequest) -> bool:
    """Whether the request set any parameter it was read for to other than its default."""
    known: dict[QuerySpec, Query] = request.__dict__.get("_newsdesk_queries", {})
    return any(query.given for query in known.values())


def _read(query: QueryDict, spec: QuerySpec) -> Query:
    values: dict[str, Any] = {}
    for param in spec.params:
        try:
            values[param.name] = param.read(query)
        except parse.OutOfRange as error:
            if param.out_of_range_is_404:
                raise Http404(_("There is no such page of this list.")) from error
            raise _bad(param, error) from error
        except parse.Invalid as error:
            raise _bad(param, error) from error
    if spec.tidy is not None:
        values = spec.tidy(values)
    defaults = {param.name: param.default for param in spec.params}
    given = tuple(
        (name, _canonical(value))
        for name, value in sorted(values.items())
        if value != defaults[name]
    )
    return Query(values, given)


def _bad(param: Param, error: parse.Invalid) -> BadRequest:
    return BadRequest(
        _("The address has a value this page cannot read: %(name)s (%(reason)s).")
        % {"name": param.name, "reason": error}
    )


def _canonical(value: Any) -> str:
    if isinstance(value, tuple):
        return ",".join(sorted(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def spec_of(view_or_page: Any) -> QuerySpec:
    """What a view function (see `reads`) or a page class declares it reads."""
    spec = getattr(view_or_page, "query_spec", NOTHING)
    return spec if isinstance(spec, QuerySpec) else NOTHING


def spec_for(request: HttpRequest, match: ResolverMatch) -> QuerySpec:
    """What the view an address resolves to reads: declared by the view (`reads`), or
    worked out for the request (Wagtail pages: the page's kind; see views.serve)."""
    find = getattr(match.func, "query_spec_for", None)
    if find is not None:
        found: QuerySpec = find(request, *match.args, **match.kwargs)
        return found
    return spec_of(match.func)


def reads(spec: QuerySpec) -> Callable[[V], V]:
    """Declares the query parameters a view reads, and refuses bad ones before it runs."""

    def decorate(view: V) -> V:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            of(request, spec)
            return view(request, *args, **kwargs)

        checked.query_spec = spec  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return decorate


# The parameters many pages share -------------------------------------------------------


def page_number(text: str) -> int:
    return parse.integer(text, low=1, high=MAX_PAGE)


def row_id(text: str) -> int:
    return parse.integer(text, low=1, high=MAX_ID)


def bounded_text(max_length: int) -> Callable[[str], str]:
    """Text a form validates itself (it says what is wrong on the page): here only its
    length and the absence of control characters."""
    return lambda value: parse.text(value, max_length=max_length)


def within_years(day: date) -> None:
    """A form field's validator: dates a page can compute with (see parse.MIN_YEAR)."""
    if not parse.MIN_YEAR <= day.year <= parse.MAX_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": parse.MIN_YEAR, "last": parse.MAX_YEAR},
        )


PAGE = Param("page", page_number, default=1, out_of_range_is_404=True)
LIST = QuerySpec((PAGE,))


# Parts of the path ---------------------------------------------------------------------


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


class _BoundedConverter:
    regex = "[0-9]{1,2}"
    high = 0

    def to_python(self, value: str) -> int:
        # A ValueError makes the pattern not match: the address is a 404.
        return parse.integer(value, low=1, high=self.high)

    def to_url(self, value: int) -> str:
        return str(int(value))


class MonthConverter(_BoundedConverter):
    high = 12


class DayConverter(_BoundedConverter):
    high = 31


class SlugConverter:
    """A slug in any script (tags and authors may be Persian or Arabic), without control
    characters, at most 255 characters."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return parse.slug(value)

    def to_url(self, value: str) -> str:
        return value


CONVERTERS: dict[str, type[Any]] = {
    "year": YearConverter,
    "month": MonthConverter,
    "day": DayConverter,
    "anyslug": SlugConverter,
}
