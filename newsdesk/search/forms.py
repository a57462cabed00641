from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import ArticleKind
from newsdesk.core import params

from .selectors import TOPIC_KIND

# Longer queries are not searches but pasted text; the backends slow down with every term.
MAX_QUERY_LENGTH = 200


KIND_CHOICES = [("", _("All kinds")), *ArticleKind.choices, (TOPIC_KIND, _("In Focus topics"))]
SORT_CHOICES = [("relevance", _("Relevance")), ("date", _("Newest first"))]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=KIND_CHOICES,
        required=False,
    )
    section = forms.SlugField(label=_("Section"), required=False, allow_unicode=True)
    topic = forms.SlugField(label=_("Topic"), required=False, allow_unicode=True)
    since = forms.DateField(label=_("From"), required=False, validators=[params.within_years])
    until = forms.DateField(label=_("To"), required=False, validators=[params.within_years])
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


# What the search page reads: the form's fields, checked here only for length and control
# characters (the form says on the page what else is wrong), and the page of results.
FIELD_TEXT_MAX = 1000
QUERY = params.QuerySpec(
    (
        *(
            params.Param(name, params.bounded_text(FIELD_TEXT_MAX), default="")
            for name in SearchForm.base_fields
        ),
        params.PAGE,
    )
)
