"""One demo login per newsroom role, with passwords that are printed and public."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from newsdesk.newsroom.roles import ADMINISTRATOR, EDITOR, WRITER, ensure_roles


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("writer", "writer-demo", WRITER),
    DemoAccount("editor", "editor-demo", EDITOR),
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
    return DEMO_ACCOUNTS
