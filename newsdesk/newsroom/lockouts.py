"""Settings → Locked-out logins: the failed sign-ins axes is counting, and unlocking them.

Unlocking forgets the failures of one account (or page password) or of one address, as
`newsdesk axes_reset_username` / `axes_reset_ip` do on the command line (decision 0014).
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

UNLOCK_PERMISSION = "axes.delete_accessattempt"


def may_unlock(request: HttpRequest) -> bool:
    return bool(request.user.has_perm(UNLOCK_PERMISSION))


@require_http_methods(["GET", "POST"])
def lockouts(request: HttpRequest) -> HttpResponse:
    if not may_unlock(request):
        raise PermissionDenied
    if request.method == "POST":
        _unlock(request)
        return redirect("newsroom_lockouts")
    attempts = AccessAttempt.objects.order_by("-failures_since_start", "-attempt_time")
    return render(
        request,
        "newsroom/lockouts.html",
        {"attempts": attempts[:200], "failure_limit": settings.AXES_FAILURE_LIMIT},
    )


def _unlock(request: HttpRequest) -> None:
    username = request.POST.get("username", "")
    ip_address = request.POST.get("ip_address", "")
    if username:
        AxesProxyHandler.reset_attempts(username=username)
        messages.success(request, _("“%(name)s” may sign in again.") % {"name": username})
    elif ip_address:
        AxesProxyHandler.reset_attempts(ip_address=ip_address)
        messages.success(request, _("%(address)s may sign in again.") % {"address": ip_address})
