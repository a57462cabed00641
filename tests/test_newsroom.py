from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import Locale, Page, WorkflowPage
from wagtail.permission_policies.pages import PagePermissionPolicy

from newsdesk.newsroom import roles

pytestmark = pytest.mark.django_db


def _member_of(group_name: str) -> User:
    user = User.objects.create_user(group_name.lower(), password="pass-for-tests")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_it_creates_the_three_newsroom_roles() -> None:
    assert set(roles.ROLES) <= set(Group.objects.values_list("name", flat=True))


def test_it_lets_a_writer_edit_but_not_publish(news) -> None:
    policy = PagePermissionPolicy()
    writer = _member_of(roles.WRITER)
    assert policy.user_has_permission_for_instance(writer, "change", news)
    assert not policy.user_has_permission_for_instance(writer, "publish", news)


def test_it_lets_an_editor_publish(news) -> None:
    policy = PagePermissionPolicy()
    editor = _member_of(roles.EDITOR)
    assert policy.user_has_permission_for_instance(editor, "publish", news)


def test_it_sends_every_page_through_editorial_review() -> None:
    root = Page.get_first_root_node()
    workflow = WorkflowPage.objects.get(page=root).workflow
    assert workflow.name == roles.WORKFLOW_NAME
    assert workflow.active


def test_it_configures_arabic_and_persian_locales() -> None:
    assert {"en", "ar", "fa"} <= set(Locale.objects.values_list("language_code", flat=True))


def test_it_is_safe_to_set_up_the_roles_twice() -> None:
    roles.ensure_roles()
    assert Group.objects.filter(name=roles.EDITOR).count() == 1


def _production_check(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # A deployment's environment: without the browser tests' async-unsafe switch.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"DJANGO_SETTINGS_MODULE": "newsdesk.settings.production", **extra_env})
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_passes_the_deployment_checks_with_production_settings() -> None:
    result = _production_check({"SECRET_KEY": "x" * 30 + "-production-secret-for-the-check"})
    assert result.returncode == 0, result.stderr
    # The checks ran and found nothing.
    assert "System check identified no issues" in result.stdout


def test_it_refuses_production_settings_without_a_secret_key() -> None:
    result = _production_check({"SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
