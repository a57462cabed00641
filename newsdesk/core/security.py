"""Security headers that Django's own SecurityMiddleware does not send.

The Content-Security-Policy comes from django-csp, configured in settings: a strict one
for the public site (CONTENT_SECURITY_POLICY) and the admin's own
(NEWSDESK_ADMIN_CONTENT_SECURITY_POLICY), chosen by path.
"""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.NEWSDESK_ADMIN_CONTENT_SECURITY_POLICY
        return parts


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.NEWSDESK_ADMIN_PATH_PREFIXES))


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.policy = settings.NEWSDESK_PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response
