"""The reader's POST: a redirect (or JSON for the page's script), never a lost comment.

The form is part of pages served from the page cache to every reader, so it carries no
per-reader CSRF token. Django's CSRF protection guards actions taken with a logged-in
person's authority; posting a comment takes none (it is the same whoever sends it).
What stays is what matters here: the signed, per-article, time-stamped form token
(pipeline.time_on_page) and a same-origin check of the Origin header, which every
current browser sends with a POST, so another site cannot make its visitors post
comments here.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsdesk.articles.models import ArticlePage
from newsdesk.core import clients

from . import pipeline, selectors, services
from .forms import CommentForm
from .models import Status


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _problem(status: int, title: str, detail: str, errors: dict | None = None) -> JsonResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    return JsonResponse(body, status=status, content_type="application/problem+json")


def _form_page(
    request: HttpRequest, article: ArticlePage, form: CommentForm, message: str, status: int
) -> HttpResponse:
    """The form again, filled in, with what to fix: the reader's text is never lost."""
    context = {
        "page": article,
        "article": article,
        "form": form,
        "message": message,
        "token": pipeline.make_token(article.pk),
        "reply_to": selectors.replyable(article, _int(form.data)),
    }
    return render(request, "comments/form_page.html", context, status=status)


def _int(data: object) -> int | None:
    try:
        return int(data.get("parent"))  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return None


def _from_this_site(request: HttpRequest) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # older browsers and other clients: the form token still applies
    return origin == f"{request.scheme}://{request.get_host()}" or origin in (
        settings.CSRF_TRUSTED_ORIGINS
    )


@csrf_exempt
@require_POST
def post_comment(request: HttpRequest, article_id: int) -> HttpResponse:
    if not _from_this_site(request):
        message = _("Comments can only be sent from this site's own pages.")
        if _wants_json(request):
            return _problem(403, _("Your comment was not sent"), message)
        return HttpResponseForbidden(message)
    article = ArticlePage.objects.visible().filter(pk=article_id).first()
    if article is None:
        raise Http404
    form = CommentForm(request.POST)
    wants_json = _wants_json(request)
    if not form.is_valid():
        message = _("Please check the highlighted fields.")
        if wants_json:
            errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
            return _problem(400, _("Your comment was not sent"), message, errors)
        return _form_page(request, article, form, message, 400)
    data = form.cleaned_data
    parent = selectors.replyable(article, data["parent"])
    if data["parent"] and parent is None:
        message = _("The comment you replied to is no longer available.")
        if wants_json:
            return _problem(400, _("Your comment was not sent"), message)
        return _form_page(request, article, form, message, 400)
    result = services.submit(
        pipeline.Submission(
            article=article,
            name=data["name"],
            email=data["email"],
            text=data["text"],
            parent=parent,
            notify_replies=data["notify_replies"],
            honeypot=data["website"],
            token=data["token"],
            client_ip=clients.client_ip(request),
            user_agent=request.headers.get("User-Agent", "")[:300],
            site_settings=selectors.rules_for(request),
        )
    )
    if result.refused:
        assert result.verdict is not None
        message = str(result.verdict.message)
        if wants_json:
            return _problem(result.verdict.http_status, _("Your comment was not sent"), message)
        return _form_page(request, article, form, message, result.verdict.http_status)
    return _accepted(request, article, result)


def _accepted(request: HttpRequest, article: ArticlePage, result: services.Result) -> HttpResponse:
    comment = result.comment
    assert comment is not None
    # Spam is stored quietly: telling a bot it was caught teaches it to avoid the trap.
    published = comment.status == Status.APPROVED
    state = "published" if published else "pending"
    if _wants_json(request):
        message = (
            _("Thank you. Your comment is published.")
            if published
            else _("Thank you. Your comment is awaiting moderation.")
        )
        return JsonResponse(
            {"status": state, "message": message, "id": comment.pk if published else None},
            status=201,
        )
    anchor = f"comment-{comment.pk}" if published else "comment-status-notice"
    return redirect(f"{article.url}?comment={state}#{anchor}")
