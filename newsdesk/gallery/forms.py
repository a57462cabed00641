"""The editor's picture upload form: Wagtail's, with a full decode of the file."""

from __future__ import annotations

from typing import Any

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from . import media


class SafeImageField(WagtailImageField):
    """Wagtail reads a picture's header and size; a truncated file passes the header check
    and then raises while its pixels are read, which would be a 500. Decoding it first
    turns that into a message for the editor. (Metadata is removed when the picture is
    stored: media.py.)"""

    def to_python(self, data: Any) -> Any:
        if data is not None and hasattr(data, "read"):
            media.check_decodes(data)
        return super().to_python(data)


class SafeImageForm(BaseImageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField):
            self.fields["file"] = SafeImageField(
                label=field.label, widget=field.widget, required=field.required
            )
