"""Write parsed job sheets into the catalogue: one service function per use."""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from . import freshness
from .jobsheet import JobSheet
from .models import Career
from .rows import (
    SectionChange,
    changes,
    check_lengths,
    drop_unused_vocabulary,
    held_rows,
    planned_rows,
    remove_rows,
    write_rows,
)
from .textformat import JobSheetError

CREATED, UPDATED, UNCHANGED = "créée", "mise à jour", "inchangée"
TITLE_MAX = Career._meta.get_field("title").max_length


@dataclass(frozen=True)
class ImportReport:
    slug: str
    title: str
    status: str
    changes: tuple[SectionChange, ...] = ()

    @property
    def changed(self) -> bool:
        return self.status != UNCHANGED

    def change(self, label: str) -> SectionChange:
        found = [change for change in self.changes if change.label == label]
        return found[0] if found else SectionChange(label, 0, 0)

    def __str__(self) -> str:
        details = ", ".join(str(change) for change in self.changes)
        return f"{self.title} ({self.slug}) : {self.status}" + (f" — {details}" if details else "")


def import_jobsheet(*, sheet: JobSheet, source_name: str = "") -> ImportReport:
    """Create or update the career of `sheet` so that it says exactly what the sheet says.

    Child rows are compared with what the database holds: when nothing
    differs nothing is written, so importing the same text twice is a no-op.
    Otherwise the child rows are replaced and the shared vocabulary (skills,
    tools, tool families) is reused by name.
    """
    slug = slugify(sheet.title)
    if not slug:
        raise JobSheetError(
            sheet.source,
            1,
            f"l'intitulé {sheet.title!r} ne donne aucun slug (attendu : des lettres)",
        )
    if len(sheet.title) > TITLE_MAX:
        raise JobSheetError(
            sheet.source,
            1,
            f"fiche : {sheet.title[:40]!r}… compte {len(sheet.title)} caractères "
            f"(attendu : {TITLE_MAX} au plus)",
        )
    wanted = planned_rows(sheet.parts(), source=sheet.source)
    check_lengths(sheet.source, wanted)

    with transaction.atomic(), freshness.muted():
        career = Career.objects.select_for_update().filter(slug=slug).first()
        held = held_rows([career.pk])[career.pk] if career else {}
        found = changes(held, wanted)
        fields = {"title": sheet.title, "summary": sheet.summary}
        if source_name:
            fields["source_name"] = source_name
        if career is None:
            career = Career.objects.create(slug=slug, **fields)
            write_rows([(career.pk, wanted)])
            status = CREATED
        else:
            stale = {
                name: value for name, value in fields.items() if getattr(career, name) != value
            }
            if not found and not stale:
                return ImportReport(slug, sheet.title, UNCHANGED)
            for name, value in stale.items():
                setattr(career, name, value)
            career.save()  # even for rows only: the catalogue version moves on (core.cache)
            if found:
                previous_skills, previous_families = remove_rows([career.pk])
                write_rows([(career.pk, wanted)])
                drop_unused_vocabulary(previous_skills, previous_families)
            status = UPDATED
        freshness.mark_stale([career.pk])
        freshness.refresh_stale()
    return ImportReport(slug, sheet.title, status, found)


def import_jobsheets(*, sheets: list[JobSheet], dry_run: bool = False) -> list[ImportReport]:
    """Import several sheets at once: all of them or, on any error, none.

    With `dry_run` the work is done and reported, then rolled back.
    """
    by_slug: dict[str, JobSheet] = {}
    for sheet in sheets:
        other = by_slug.setdefault(slugify(sheet.title), sheet)
        if other is not sheet:
            raise JobSheetError(
                sheet.source,
                1,
                f"l'intitulé {sheet.title!r} est déjà celui de {other.source} "
                "(attendu : un fichier par métier)",
            )
    with transaction.atomic():
        reports = [
            import_jobsheet(sheet=sheet, source_name=Path(sheet.source).name) for sheet in sheets
        ]
        if dry_run:
            transaction.set_rollback(True)
    return reports
