"""The public read-only content API at /api/v1/, built with django-ninja.

The OpenAPI document (/api/v1/openapi.json) and the docs page (/api/v1/docs) are generated
from the views and schemas, so they describe what the code does by construction.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.openapi.docs import Swagger

from . import answers, pagination, views

PROBLEM_JSON = "application/problem+json"


class ContentAPI(NinjaAPI):
    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if response.status_code >= 400:
            response["Content-Type"] = PROBLEM_JSON
            response["Cache-Control"] = "no-cache"
            return response
        return answers.with_validator(response)

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                _document_answers(operation["responses"])
        return schema


def _document_answers(responses: dict[str, Any]) -> None:
    """Errors as the problem documents they are, and the 304 that conditional GETs get."""
    for code, answer in responses.items():
        content = answer.get("content", {})
        if int(code) >= 400 and "application/json" in content:
            answer["content"] = {PROBLEM_JSON: content["application/json"]}
    responses["304"] = {"description": "Not Modified: the If-None-Match ETag is current."}


api = ContentAPI(
    title="newsdesk content API",
    version="1.0.0",
    description=(
        "Read-only access to what the site publishes: articles, In Focus topics, authors, "
        "tags, photo galleries and films. Only live, public content is shown. Lists are "
        "paged with a cursor (follow `next`); every answer has an ETag for conditional "
        "requests. Errors are RFC 9457 problem details."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs=Swagger(settings={"validatorUrl": None, "tryItOutEnabled": True}),
    docs_url="/docs",
)
# Around each whole operation: a kept answer (or a 304) skips parsing, the view and JSON.
api.add_decorator(answers.kept, mode="view")
api.add_router("/", views.router)


def _problem(
    request: HttpRequest, status: int, detail: str, errors: list[dict[str, str]] | None = None
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }
    return api.create_response(request, body, status=status)


def _invalid(request: HttpRequest, exc: Any) -> HttpResponse:
    errors = [
        {
            "parameter": ".".join(str(part) for part in error.get("loc", ())[1:]) or "query",
            "message": str(error.get("msg", "is not valid")),
        }
        for error in exc.errors
    ]
    summary = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
    return _problem(request, 400, f"Invalid parameters: {summary}", errors)


def _bad_cursor(request: HttpRequest, exc: Any) -> HttpResponse:
    return _problem(request, 400, str(exc), [{"parameter": "cursor", "message": str(exc)}])


def _not_found(request: HttpRequest, exc: Any) -> HttpResponse:
    return _problem(request, 404, str(exc) or "Not found.")


def _http_error(request: HttpRequest, exc: Any) -> HttpResponse:
    return _problem(request, exc.status_code, exc.message)


api.add_exception_handler(ValidationError, _invalid)
api.add_exception_handler(pagination.BadCursor, _bad_cursor)
api.add_exception_handler(Http404, _not_found)
api.add_exception_handler(HttpError, _http_error)
