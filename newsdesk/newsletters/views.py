"""The reader's side: sign up (double opt-in), confirm, unsubscribe (one click, RFC 8058).

The sign-up form sits on pages that the page cache shares between readers (the footer,
section and topic pages): it carries nothing of one reader, no CSRF token (there is no
session to protect; a sign-up takes no one's authority), so those pages stay cacheable.
What guards it: an Origin check (another site cannot make its visitors sign up here), a
honeypot, limits per network and per address, and above all the double opt-in: nothing is
sent to an address but one confirmation email until its owner confirms.

Confirming and unsubscribing are POSTs authorised by the signed link itself (no login, no
CSRF token): mail clients send RFC 8058's one-click POST with nothing else. A GET of
either link only shows a page with a button, so a mail scanner that follows links changes
nothing. Every answer here is `never_cache`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsdesk.core import clients

from . import links, selectors, services
from .forms import SubscribeForm
from .models import Status, Subscription

UNREADABLE = (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent)


def _from_this_site(request: HttpRequest) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return origin == f"{request.scheme}://{request.get_host()}" or origin in (
        settings.CSRF_TRUSTED_ORIGINS
    )


def _signup_page(
    request: HttpRequest, form: SubscribeForm, *, message: str = "", status: int = 200
) -> HttpResponse:
    language = translation.get_language()
    chosen = str(form.data.get("list", "")) if form.is_bound else ""
    context = {
        "title": _("Newsletters"),
        "form": form,
        "message": message,
        "lists": selectors.lists_for(language),
        "chosen": chosen or "digest",
    }
    return render(request, "newsletters/signup.html", context, status=status)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _signup_page(request, SubscribeForm())
    if not _from_this_site(request):
        message = _("Please sign up with the form on this site's own pages.")
        return _signup_page(request, SubscribeForm(), message=message, status=403)
    try:
        form = SubscribeForm(request.POST)
        valid = form.is_valid()
    except UNREADABLE:
        message = _("Your sign-up could not be read on the way. Please try again.")
        return _signup_page(request, SubscribeForm(), message=message, status=400)
    if not valid:
        message = _("Please check your email address, e.g. name@example.com.")
        return _signup_page(request, form, message=message, status=400)
    data = form.cleaned_data
    chosen = selectors.parse_list(data["list"] or "digest", translation.get_language())
    if chosen is None:
        message = _("That newsletter is not available. Please choose one below.")
        return _signup_page(request, form, message=message, status=400)
    if data["website"]:  # a bot: answered as anyone else, nothing sent
        return _check_email(request, data["email"])
    sign_up = services.SignUp(data["email"], chosen, clients.client_ip(request))
    if services.subscribe(sign_up) is services.Outcome.TOO_MANY:
        message = _("Too many sign-ups from your network. Please try again in a few minutes.")
        return _signup_page(request, form, message=message, status=429)
    return _check_email(request, data["email"])


def _check_email(request: HttpRequest, email: str) -> HttpResponse:
    context = {
        "title": _("Check your email"),
        "heading": _("Check your email"),
        "text": _(
            "If %(email)s can receive our newsletter, we have sent it a link. "
            "Open it to confirm: we send nothing else until you do."
        )
        % {"email": email},
    }
    return render(request, "newsletters/message.html", context)


def _bad_link(request: HttpRequest) -> HttpResponse:
    context = {
        "title": _("This link does not work"),
        "heading": _("This link does not work"),
        "text": _("It may have expired or been cut short on the way. You can sign up again below."),
        "signup": True,
    }
    return render(request, "newsletters/message.html", context, status=400)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscription = links.read_confirm_token(token)
    if subscription is None:
        return _bad_link(request)
    context: dict[str, object]
    with translation.override(subscription.language):
        if request.method == "POST":
            services.confirm(subscription)
            context = {
                "title": _("You are subscribed"),
                "heading": _("You are subscribed"),
                "text": _("Thank you. %(list)s will come to %(email)s.")
                % {"list": subscription.list_name(), "email": subscription.email},
            }
            return render(request, "newsletters/message.html", context)
        context = {
            "title": _("Confirm your subscription"),
            "heading": _("Confirm your subscription"),
            "text": _("Send %(list)s to %(email)s?")
            % {"list": subscription.list_name(), "email": subscription.email},
            "button": _("Confirm"),
            "confirmed": subscription.status == Status.CONFIRMED,
        }
        return render(request, "newsletters/message.html", context)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a page with a button. POST (the button, or a mail client's RFC 8058 one-click
    `List-Unsubscribe=One-Click`): unsubscribed at once, without a login or CSRF token."""
    subscription = links.read_unsubscribe_token(token)
    if subscription is None:
        return _bad_link(request)
    with translation.override(subscription.language):
        if request.method == "POST":
            services.unsubscribe(subscription)
            return _unsubscribed(request, subscription)
        context = {
            "title": _("Unsubscribe"),
            "heading": _("Unsubscribe"),
            "text": _("Stop sending %(list)s to %(email)s?")
            % {"list": subscription.list_name(), "email": subscription.email},
            "button": _("Unsubscribe"),
        }
        return render(request, "newsletters/message.html", context)


def _unsubscribed(request: HttpRequest, subscription: Subscription) -> HttpResponse:
    context = {
        "title": _("You are unsubscribed"),
        "heading": _("You are unsubscribed"),
        "text": _("We will send no more of %(list)s to %(email)s.")
        % {"list": subscription.list_name(), "email": subscription.email},
    }
    return render(request, "newsletters/message.html", context)
