from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import services
from .models import Comment


class CommentEditForm(WagtailAdminModelForm):
    """A moderator's edit of a comment's text: the reason is required and recorded."""

    edit_reason = forms.CharField(
        label=_("Reason for the edit"),
        max_length=200,
        help_text=_("Kept with the old and new text, e.g. 'removed a phone number'."),
    )

    class Meta:
        model = Comment
        fields = ["text"]

    def save(self, commit: bool = True) -> Any:
        comment: Comment = self.instance
        new_text = comment.text
        comment.text = self.initial.get("text", new_text)  # what readers saw until now
        services.edit_text(
            comment, new_text, reason=self.cleaned_data["edit_reason"], editor=self.for_user
        )
        return comment
