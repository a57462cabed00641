"""One demo login per newsroom role, with passwords that are printed and public.

The logins that write (the writer's and the editor's) are each one of the demo's
reporters (`Person.user`), so a new article they start carries that reporter's byline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from newsdesk.newsroom.demo.structure import OPINION_ROLES
from newsdesk.newsroom.roles import ADMINISTRATOR, EDITOR, WRITER, ensure_roles
from newsdesk.people.models import Person


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    superuser: bool = False
    byline: bool = False  # the login is one of the demo's reporters


DEMO_ACCOUNTS = (
    DemoAccount("writer", "writer-demo", WRITER, byline=True),
    DemoAccount("editor", "editor-demo", EDITOR, byline=True),
    DemoAccount("admin", "admin-demo", ADMINISTRATOR, superuser=True),
)


@transaction.atomic
def ensure_demo_accounts() -> tuple[DemoAccount, ...]:
    """Create or reset the accounts: a re-run always leaves the printed logins working."""
    groups = ensure_roles()
    user_model = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, _created = user_model.objects.get_or_create(username=account.username)
        user.set_password(account.password)
        user.first_name = "Demo"
        user.last_name = account.role
        user.email = f"{account.username}@example.com"
        user.is_active = True
        user.is_staff = account.superuser
        user.is_superuser = account.superuser
        user.save()
        user.groups.set([groups[account.role]])
        if account.byline and not Person.objects.filter(user=user).exists():
            _link_to_a_reporter(user)
    return DEMO_ACCOUNTS


def _link_to_a_reporter(user: Any) -> None:
    """Make `user` the first reporter (the English newsroom's are made first) who has no
    login yet; a login keeps its reporter on every later run. No reporters, no link."""
    reporter = (
        Person.objects.exclude(role__in=OPINION_ROLES).filter(user=None).order_by("pk").first()
    )
    if reporter is not None:
        reporter.user = user
        reporter.save(update_fields=["user"])
