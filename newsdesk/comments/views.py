"""The reader's POST: a redirect (or JSON for the page's script), never a lost comment.

The form is part of pages served from the page cache to every reader, so it carries no
per-reader CSRF token. Django's CSRF protection guards actions taken with a logged-in
person's authority; posting a comment takes none (it is the same whoever sends it).
What stays is what matters here: a signed, single-use token of the reader's own, asked
for by the page's script when they start writing (`token`, never cached; see
pipeline.time_on_page), and a same-origin check of the Origin header, which every
current browser sends with a POST, so another site cannot make its visitors post
comments here. A post without a usable token gets the form back, filled in, with one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from newsdesk.articles.models import ArticlePage
from newsdesk.core import clients

from . import pipeline, selectors, services
from .forms import CommentForm
from .models import Comment, Status

# A body Django cannot read: a multipart post without its boundary, too big, too many fields.
UNREADABLE = (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _problem(status: int, detail: str, **extra: Any) -> JsonResponse:
    title = _("Your comment was not sent")
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body.update({name: value for name, value in extra.items() if value})
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
        "token": _token_for(form, article),
        "reply_to": selectors.replyable(article, _int(form.data)),
    }
    return render(request, "comments/form_page.html", context, status=status)


def _token_for(form: CommentForm, article: ArticlePage) -> str:
    return pipeline.usable_token(str(form.data.get("token", "")), article.pk)


def _not_sent(
    request: HttpRequest,
    article: ArticlePage,
    form: CommentForm,
    message: str,
    status: int,
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    """Refused: the page's script gets a problem (with the token to send next, when the
    one it sent cannot be used again); a reader without script gets the form again."""
    if _wants_json(request):
        return _problem(status, message, errors=errors, token=_token_for(form, article))
    return _form_page(request, article, form, message, status)


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


@never_cache
@require_GET
def token(request: HttpRequest, article_id: int) -> JsonResponse:
    """A token of the reader's own, asked for by the page's script when they start
    writing. `never_cache`: no cache in the app or in front may keep it (decision 0013)."""
    return JsonResponse({"token": pipeline.make_token(article_id)})


@csrf_exempt
def post_comment(request: HttpRequest, article_id: int) -> HttpResponse:
    refusal = _wrong_request(request)
    if refusal is not None:
        return refusal
    article = ArticlePage.objects.visible().filter(pk=article_id).first()
    if article is None:
        if _wants_json(request):
            return _problem(404, _("This article does not take comments."))
        raise Http404
    try:
        form = CommentForm(request.POST)
    except UNREADABLE:
        message = _("Your comment could not be read on the way. Please write it again.")
        return _not_sent(request, article, CommentForm(), message, 400)
    if not form.is_valid():
        return _invalid(request, article, form)
    data = form.cleaned_data
    parent = selectors.replyable(article, data["parent"])
    if data["parent"] and parent is None:
        message = _("The comment you replied to is no longer available.")
        return _not_sent(request, article, form, message, 400)
    result = services.submit(_submission(request, article, data, parent))
    if result.refused:
        assert result.verdict is not None
        message = str(result.verdict.message)
        return _not_sent(request, article, form, message, result.verdict.http_status)
    return _accepted(request, article, result)


def _wrong_request(request: HttpRequest) -> HttpResponse | None:
    """Not a POST, or a POST from another site's page."""
    wants_json = _wants_json(request)
    if request.method != "POST":
        message = _("Comments are sent with the form on the article.")
        if wants_json:
            response: HttpResponse = _problem(405, message)
        else:
            response = HttpResponse(message, status=405, content_type="text/plain")
        response["Allow"] = "POST"
        return response
    if not _from_this_site(request):
        message = _("Comments can only be sent from this site's own pages.")
        if wants_json:
            return _problem(403, message)
        raise PermissionDenied(message)
    return None


def _invalid(request: HttpRequest, article: ArticlePage, form: CommentForm) -> HttpResponse:
    if form.tampered():
        message = _(
            "Part of the form was changed or lost on the way. "
            "Please check your comment and send it again."
        )
    else:
        message = _("Please check the highlighted fields.")
    errors = {
        name: [str(e) for e in errs]
        for name, errs in form.errors.items()
        if name not in CommentForm.HIDDEN
    }
    return _not_sent(request, article, form, message, 400, errors)


def _submission(
    request: HttpRequest, article: ArticlePage, data: dict[str, Any], parent: Comment | None
) -> pipeline.Submission:
    return pipeline.Submission(
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
