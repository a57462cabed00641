"""Editor panels of articles: plain notices at the top of the editor (an embargo, a
reviewer's request for changes)."""

from __future__ import annotations

from typing import Any

from django.utils.functional import cached_property
from wagtail.admin.panels import Panel
from wagtail.models import TaskState, WorkflowState


class EmbargoNotice(Panel):
    """Says, above everything else in the editor, that the article is under embargo and
    until when (in the editor's time zone, which the admin runs in)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/embargo_notice.html"

        def is_shown(self) -> bool:
            return bool(getattr(self.instance, "embargo_until", None)) and bool(
                self.instance.is_embargoed()
            )

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["embargo_until"] = self.instance.embargo_until
            return context


class ChangesRequested(Panel):
    """Tells the writer, above everything else in the editor, that a reviewer asked for
    changes: the reviewer's comment, who asked and when (Wagtail keeps them only in the
    workflow's history)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/changes_requested.html"

        @cached_property
        def task_state(self) -> TaskState | None:
            if not self.instance.pk:
                return None
            workflow_state = (
                WorkflowState.objects.for_instance(self.instance)
                .filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
                .select_related("current_task_state__finished_by")
                .first()
            )
            task_state = workflow_state.current_task_state if workflow_state else None
            if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
                return None
            return task_state

        def is_shown(self) -> bool:
            return self.task_state is not None

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            task_state = self.task_state
            context["comment"] = task_state.comment if task_state else ""
            context["reviewer"] = task_state.finished_by if task_state else None
            context["asked_at"] = task_state.finished_at if task_state else None
            return context
