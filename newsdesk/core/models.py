from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimedChangesRun(models.Model):
    """The worker's runs of timed changes (newsdesk.core.timed): one row per job.

    `held_until` is a lease: the worker that sets it (with one atomic UPDATE) runs the
    changes and the others skip that tick, so several workers never publish the same
    revision twice. `last_finished_at` is what /health/ reads to tell a stopped clock."""

    name = models.CharField(_("name"), max_length=40, primary_key=True)
    holder = models.CharField(_("held by"), max_length=64, blank=True)
    held_until = models.DateTimeField(_("held until"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("run of timed changes")
        verbose_name_plural = _("runs of timed changes")

    def __str__(self) -> str:
        return self.name
