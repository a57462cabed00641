"""Security headers that Django's own SecurityMiddleware does not send.

The Content-Security-Policy comes from django-csp, configured in settings: a strict one
for the public site (CONTENT_SECURITY_POLICY) and the admin's own
(NEWSDESK_ADMIN_CONTENT_SECURITY_POLICY), chosen by path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponseBase

# Stands for the request's nonce in a policy built once; no real nonce looks like it.
NONCE_MARK = "newsdesk-csp-nonce"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.NEWSDESK_ADMIN_CONTENT_SECURITY_POLICY
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        """django-csp's, with each policy built once per process (with the nonce put in
        per request): building it from the settings took 6 % of a page view."""
        if response.status_code in (500, 404) and settings.DEBUG:
            return response  # Django's debug pages need their inline code
        self._set_header(request, response, report_only=False)
        self._set_header(request, response, report_only=True)
        # From now on, asking for a nonce is a mistake: the header has been written.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response

    def _set_header(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool
    ) -> None:
        header = HEADER_REPORT_ONLY if report_only else HEADER
        exempt = getattr(response, "_csp_exempt_ro" if report_only else "_csp_exempt", False)
        setting = (
            "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        )
        excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
        if header in response or exempt or request.path_info.startswith(tuple(excluded)):
            return
        policy = _policy(self.get_policy_parts(request, response, report_only), report_only)
        if policy:
            response[header] = policy


def _policy(parts: PolicyParts, report_only: bool) -> str:
    admin = parts.config is settings.NEWSDESK_ADMIN_CONTENT_SECURITY_POLICY
    if parts.update or parts.replace or not (parts.config is None or admin):
        # A view's own policy (django-csp's decorators): rare, built as it comes.
        return build_policy(**asdict(parts), report_only=report_only)
    built = _built_policy(admin, report_only, parts.nonce is not None)
    return built.replace(NONCE_MARK, parts.nonce) if parts.nonce else built


@lru_cache(maxsize=8)
def _built_policy(admin: bool, report_only: bool, with_nonce: bool) -> str:
    config = settings.NEWSDESK_ADMIN_CONTENT_SECURITY_POLICY if admin else None
    nonce = NONCE_MARK if with_nonce else None
    return build_policy(config=config, nonce=nonce, report_only=report_only)


def _forget_built_policies(**kwargs: Any) -> None:
    _built_policy.cache_clear()


setting_changed.connect(_forget_built_policies, dispatch_uid="newsdesk-csp-built")


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
