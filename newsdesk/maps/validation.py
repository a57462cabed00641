"""Row rules shared by the models, the importers and the API: one place says what is valid."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Icons the public map ships as SVG files; anything else would draw a broken marker.
ICONS = (
    ("airstrike", _("Airstrike")),
    ("clashes", _("Clashes")),
    ("shelling", _("Shelling")),
    ("territory", _("Territorial change")),
    ("political", _("Political")),
    ("humanitarian", _("Humanitarian")),
    ("other", _("Other")),
)
ICON_NAMES = frozenset(name for name, _label in ICONS)

COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_color(value: str) -> None:
    if not COLOR_RE.match(value or ""):
        raise ValidationError(
            _("Enter a colour as #rrggbb, e.g. #c0392b."), code="invalid_color", params={}
        )


def validate_icon(value: str) -> None:
    if value not in ICON_NAMES:
        raise ValidationError(
            _("Unknown icon %(value)s; choose one of: %(names)s."),
            code="invalid_icon",
            params={"value": value, "names": ", ".join(sorted(ICON_NAMES))},
        )


def validate_latitude(value: float) -> None:
    if not -90 <= value <= 90:
        raise ValidationError(
            _("Latitude must be between -90 and 90 (got %(value)s)."),
            code="latitude_range",
            params={"value": value},
        )


def validate_longitude(value: float) -> None:
    if not -180 <= value <= 180:
        raise ValidationError(
            _("Longitude must be between -180 and 180 (got %(value)s)."),
            code="longitude_range",
            params={"value": value},
        )
