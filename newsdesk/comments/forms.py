from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import text as plain


class CleanedCharField(forms.CharField):
    """A CharField whose value is cleaned (of bidi controls) before its rules apply, so
    a name of nothing but control characters is an empty name."""

    def __init__(self, *, cleaner: Callable[[str], str], **kwargs: Any) -> None:
        self.cleaner = cleaner
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return self.cleaner(super().to_python(value) or "")


class CommentForm(forms.Form):
    """What a reader sends. Field rules only; everything else is in `pipeline`."""

    name = CleanedCharField(
        cleaner=plain.clean_name,
        label=_("Name"),
        max_length=80,
        error_messages={
            "required": _("Please tell us your name."),
            "max_length": _("Please shorten your name to %(limit_value)d characters."),
        },
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Never shown. Used only to tell you about replies if you ask."),
        error_messages={
            "required": _("Please give your email address; it is never shown."),
            "invalid": _("Please check your email address, e.g. name@example.com."),
        },
    )
    text = CleanedCharField(
        cleaner=plain.clean_text,
        label=_("Text"),
        min_length=2,
        max_length=settings.COMMENTS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        error_messages={
            "required": _("Please write your comment."),
            "min_length": _("Please write a little more."),
            "max_length": _(
                "Please shorten your comment to %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
    notify_replies = forms.BooleanField(label=_("Email me when someone replies"), required=False)
    # Filled in by the page (and its script), never by the reader: an error in one of
    # these means the form was changed on the way (CommentForm.tampered).
    HIDDEN = ("parent", "token", "website")
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    token = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    # Hidden from people by CSS and labelled for screen readers to leave empty; bots fill it.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def tampered(self) -> bool:
        """An error in a field the reader never fills: there is nothing to highlight."""
        return any(name in self.HIDDEN for name in self.errors)
