"""The newsroom's roles: Writer, Editor and Administrator, and the review workflow.

`ensure_roles()` is idempotent and runs after every migrate, so a new install and an
upgraded one end up with the same groups, permissions and workflow.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

WRITER = "Writer"
EDITOR = "Editor"
ADMINISTRATOR = "Administrator"
ROLES = (WRITER, EDITOR, ADMINISTRATOR)
WORKFLOW_NAME = "Editorial review"
# Wagtail's stock groups; two sets of names for the same roles would confuse a newsroom.
STOCK_GROUPS = ("Moderators", "Editors")

PAGE_PERMISSIONS = {
    WRITER: ["add_page", "change_page"],
    EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "delete_page"],
    ADMINISTRATOR: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "delete_page",
        "bulk_delete_page",
    ],
}
IMAGE_PERMISSIONS = {
    WRITER: ["add_image", "choose_image"],
    EDITOR: ["add_image", "change_image", "choose_image", "delete_image"],
    ADMINISTRATOR: ["add_image", "change_image", "choose_image", "delete_image"],
}
# Moderating reader comments: Editors and Administrators; a Writer only when granted.
COMMENT_PERMISSIONS = [
    "comments.view_comment",
    "comments.change_comment",
    "comments.delete_comment",
    "comments.view_blocked",
    "comments.add_blocked",
    "comments.change_blocked",
    "comments.delete_blocked",
    "comments.change_commentsettings",
]
# The map: writers record and correct events (reported); only editors verify them.
MAP_WRITER_PERMISSIONS = [
    "maps.add_event",
    "maps.change_event",
    "maps.view_event",
    "maps.view_eventcategory",
    "maps.view_controlarea",
    "maps.view_place",
]
MAP_EDITOR_PERMISSIONS = [
    *MAP_WRITER_PERMISSIONS,
    "maps.delete_event",
    "maps.verify_event",
    "maps.add_eventcategory",
    "maps.change_eventcategory",
    "maps.delete_eventcategory",
    "maps.add_controlarea",
    "maps.change_controlarea",
    "maps.delete_controlarea",
    "maps.change_place",
]
# The breaking-news ticker runs on every page: editors start and end it, writers do not.
TICKER_PERMISSIONS = [
    "breaking.add_ticker",
    "breaking.change_ticker",
    "breaking.delete_ticker",
    "breaking.publish_ticker",
    "breaking.view_ticker",
]
# Live coverage: writers post and correct entries; editors also delete them (and end
# coverage, which publishes pages: a page permission).
LIVE_WRITER_PERMISSIONS = ["live.add_liveentry", "live.change_liveentry", "live.view_liveentry"]
LIVE_EDITOR_PERMISSIONS = [*LIVE_WRITER_PERMISSIONS, "live.delete_liveentry"]
# Newsletter subscribers' addresses are personal data: administrators only.
NEWSLETTER_PERMISSIONS = [
    "newsletters.view_subscription",
    "newsletters.change_subscription",
    "newsletters.delete_subscription",
]
# A tag's versions in other languages (articles.TagTranslation): editors link them.
TAG_TRANSLATION_PERMISSIONS = [
    "articles.add_tagtranslation",
    "articles.change_tagtranslation",
    "articles.delete_tagtranslation",
    "articles.view_tagtranslation",
]
MODEL_PERMISSIONS = {
    WRITER: [
        "wagtailadmin.access_admin",
        "people.view_person",
        *MAP_WRITER_PERMISSIONS,
        *LIVE_WRITER_PERMISSIONS,
    ],
    EDITOR: [
        "wagtailadmin.access_admin",
        "people.view_person",
        "people.add_person",
        "people.change_person",
        "taggit.add_tag",
        "taggit.change_tag",
        *TAG_TRANSLATION_PERMISSIONS,
        "analytics.view_report",
        # Starting a translation (simple_translation's Translate; decision 0024).
        "simple_translation.submit_translation",
        *COMMENT_PERMISSIONS,
        *MAP_EDITOR_PERMISSIONS,
        *TICKER_PERMISSIONS,
        *LIVE_EDITOR_PERMISSIONS,
    ],
    ADMINISTRATOR: [
        "wagtailadmin.access_admin",
        "people.view_person",
        "people.add_person",
        "people.change_person",
        "people.delete_person",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.delete_tag",
        *TAG_TRANSLATION_PERMISSIONS,
        "analytics.view_report",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailcore.change_site",
        "wagtailcore.view_locale",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        # Whether originals with their metadata are kept, and downloading them.
        "gallery.change_mediasafetysettings",
        "gallery.view_keptoriginal",
        *COMMENT_PERMISSIONS,
        *MAP_EDITOR_PERMISSIONS,
        "maps.add_place",
        "maps.delete_place",
        *TICKER_PERMISSIONS,
        *LIVE_EDITOR_PERMISSIONS,
        # Settings → Locked-out logins: seeing and unlocking them (decision 0014).
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "simple_translation.submit_translation",
        *NEWSLETTER_PERMISSIONS,
    ],
}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    Group.objects.filter(name__in=STOCK_GROUPS, user__isnull=True).delete()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for name, group in groups.items():
        group.permissions.add(*(_permission(p) for p in MODEL_PERMISSIONS[name]))
        if root_page is not None:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=_permission(f"wagtailcore.{codename}"),
                )
        if root_collection is not None:
            for codename in IMAGE_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(f"wagtailimages.{codename}"),
                )
    if root_page is not None:
        _ensure_review_workflow(root_page, [groups[EDITOR], groups[ADMINISTRATOR]])
    return groups


def _ensure_review_workflow(root_page: Page, reviewers: list[Group]) -> None:
    """Writers submit; an Editor (or Administrator) approves and publishes."""
    task, _created = GroupApprovalTask.objects.get_or_create(name=str(_("Editor review")))
    task.groups.set(reviewers)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    # Wagtail's stock "Moderators approval" workflow would compete with ours; retire it.
    Workflow.objects.exclude(pk=workflow.pk).update(active=False)
