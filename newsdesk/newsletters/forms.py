from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    """What a reader sends: an address and a list. The list is parsed by the view
    (selectors.parse_list), which knows the language."""

    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        error_messages={
            "required": _("Please give your email address."),
            "invalid": _("Please check your email address, e.g. name@example.com."),
        },
    )
    list = forms.CharField(max_length=40, required=False)
    # Hidden from people by CSS and labelled for screen readers to leave empty; bots fill it.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
