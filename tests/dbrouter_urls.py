"""Views for the read-replica router's tests: a read, a write, and a read after a write."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.http import HttpRequest, HttpResponse
from django.urls import path


def count(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(Group.objects.filter(name__startswith="desk-").count()))


def add(request: HttpRequest) -> HttpResponse:
    Group.objects.create(name=f"desk-{Group.objects.count()}")
    return count(request)


urlpatterns = [
    path("groups/", count),
    path("groups/add/", add),
    path("admin/groups/", count),
]
