"""What follows every write to a career, its rows, or the vocabulary they name.

A write through the ORM — the admin, a shell, a bulk delete — marks the careers it
touches as stale, through model signals: a career or any of its rows, and every
career naming a renamed skill or tool family. Their search text is rebuilt once
each, when the transaction commits, or before if someone calls `refresh_stale()`:
the admin and the importers do, so that the rest of their transaction reads
fresh text. A write to a career or its rows is also an edit: the career's
`edited_at` is set, so that the next import keeps what the editor did
(careers.services). Importers write in bulk, which sends no signal, and are no
editor: they mark what they wrote themselves, inside `core.imports.importing()`.
"""

import threading
from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from core.imports import is_importing
from skills.models import Skill, ToolFamily

from . import models
from .rows import refresh_search_text
from .sections import TABLES

_state = threading.local()


def mark_stale(career_ids: Iterable[int], *, edited: bool = False) -> None:
    """Rebuild these careers' search text before the transaction ends; `edited`: someone
    other than an importer changed them."""
    ids = {pk for pk in career_ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    registered = any(callback is refresh_stale for _, callback, _ in connection.run_on_commit)
    if not registered or not hasattr(_state, "pending"):
        # A rolled-back transaction took its callback, and its careers, along.
        _state.pending, _state.edited = set(), set()
    _state.pending |= ids
    if edited:
        _state.edited |= ids
    if not registered:
        # Runs at once outside a transaction, at commit inside one.
        transaction.on_commit(refresh_stale, robust=True)


def refresh_stale() -> None:
    """Rebuild the search text of every career marked since the last refresh, and note the
    edits."""
    ids, edited = getattr(_state, "pending", set()), getattr(_state, "edited", set())
    _state.pending, _state.edited = set(), set()
    refresh_search_text(ids)
    if edited:
        models.Career.objects.filter(pk__in=edited).update(edited_at=timezone.now())


def _career_of_row(sender, instance, **kwargs) -> None:
    # A raw save is loaddata restoring rows as they were dumped, search text included.
    if is_importing() or kwargs.get("raw"):
        return
    if sender is models.Career:
        mark_stale([instance.pk], edited=True)
    elif sender is models.Mission:
        block = models.MissionBlock.objects.filter(pk=instance.block_id)
        mark_stale(block.values_list("career_id", flat=True), edited=True)
    else:
        mark_stale([instance.career_id], edited=True)


def _careers_naming(sender, instance, **kwargs) -> None:
    if is_importing() or kwargs.get("raw"):
        return
    if sender is Skill:
        links = models.CareerSkill.objects.filter(skill=instance)
    else:
        links = models.ToolGroup.objects.filter(family=instance)
    mark_stale(links.values_list("career_id", flat=True).distinct())


def connect() -> None:
    row_models = {models.Career, models.CareerRome, *(table.model for table in TABLES)}
    for model in row_models:
        uid = f"freshness-{model.__name__}"
        post_save.connect(_career_of_row, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_career_of_row, sender=model, dispatch_uid=f"{uid}-delete")
    for model in (Skill, ToolFamily):
        post_save.connect(_careers_naming, sender=model, dispatch_uid=f"freshness-{model.__name__}")
