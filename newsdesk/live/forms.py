from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class EndCoverageForm(forms.Form):
    """The summary that ends live coverage: it becomes an ordinary article."""

    title = forms.CharField(label=_("Summary headline"), max_length=255)
    lead = forms.CharField(
        label=_("Summary lead"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences; used on cards and in feeds."),
    )
    text = forms.CharField(
        label=_("Summary"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What happened, in paragraphs separated by an empty line."),
    )
