"""The newsroom's side of live coverage: posting entries quickly, and ending coverage."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.snippets.views.snippets import CreateView

from newsdesk.lib import parse

from . import services
from .forms import EndCoverageForm
from .models import LiveEntry, LivePage


class EntryCreateView(CreateView):
    """A new entry: for the live page named in the address (`?live_page=<id>`, from the
    desk or the page's header), by the writer who posts it."""

    def get_initial_form_instance(self) -> LiveEntry | None:
        instance = super().get_initial_form_instance() or LiveEntry()
        try:
            page_id = parse.integer(self.request.GET.get("live_page", ""), low=1, high=parse.MAX_ID)
        except parse.Invalid:
            return instance
        page = LivePage.objects.filter(pk=page_id).first()
        if page is not None:
            instance.live_page = page
            first = page.authors.order_by("sort_order").first()
            if first is not None:
                instance.author_id = first.person_id
        return instance

    def save_instance(self) -> Any:
        self.form.instance.posted_by = self.request.user
        return super().save_instance()


def may_end(request: HttpRequest, page: LivePage) -> bool:
    return bool(page.permissions_for_user(request.user).can_publish())


@require_http_methods(["GET", "POST"])
def end_coverage(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(LivePage, pk=page_id)
    if not may_end(request, page):
        raise PermissionDenied
    if page.coverage_ended_at is not None:
        messages.info(request, _("This coverage has already ended."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = EndCoverageForm(request.POST or None, initial={"title": page.title, "lead": page.lead})
    if request.method == "POST" and form.is_valid():
        summary = services.end_coverage(page, user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Coverage ended. The summary “%(title)s” is published.") % {"title": summary.title},
        )
        return redirect("wagtailadmin_pages:edit", summary.pk)
    return render(request, "live/admin/end_coverage.html", {"page": page, "form": form})
