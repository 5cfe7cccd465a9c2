"""The comparison tray: the careers a visitor has put aside to compare, kept in the session."""

from dataclasses import dataclass
from enum import StrEnum

from core.selection import MAX_COMPARED

from .models import Career

SESSION_KEY = "comparison"


def tray_slugs(session) -> list[str]:
    slugs = session.get(SESSION_KEY, [])
    if not isinstance(slugs, list):
        return []
    return [slug for slug in slugs if isinstance(slug, str)][:MAX_COMPARED]


class TrayOutcome(StrEnum):
    ADDED = "added"
    ALREADY_THERE = "already_there"
    FULL = "full"
    UNKNOWN = "unknown"
    REMOVED = "removed"


@dataclass(frozen=True)
class TrayChange:
    outcome: TrayOutcome
    title: str = ""


def add_to_tray(*, session, slug: str) -> TrayChange:
    """Add a published career; a fifth is refused and a second add changes nothing.

    Careers unpublished or deleted since they were added leave the tray here,
    so they never hold one of the four places.
    """
    current = tray_slugs(session)
    titles = dict(
        Career.objects.published().filter(slug__in=[*current, slug]).values_list("slug", "title")
    )
    kept = [s for s in current if s in titles]
    if slug not in titles:
        change = TrayChange(TrayOutcome.UNKNOWN)
    elif slug in kept:
        change = TrayChange(TrayOutcome.ALREADY_THERE, titles[slug])
    elif len(kept) >= MAX_COMPARED:
        change = TrayChange(TrayOutcome.FULL, titles[slug])
    else:
        kept.append(slug)
        change = TrayChange(TrayOutcome.ADDED, titles[slug])
    if kept != session.get(SESSION_KEY):
        session[SESSION_KEY] = kept
    return change


def remove_from_tray(*, session, slug: str) -> TrayChange:
    current = tray_slugs(session)
    if slug in current:
        session[SESSION_KEY] = [s for s in current if s != slug]
    title = Career.objects.filter(slug=slug).values_list("title", flat=True).first() or ""
    return TrayChange(TrayOutcome.REMOVED, title)
