"""Write imported job sheets into the catalogue: one service function per use.

Every importer (the text format of fixtures/jobsheets/, France Travail's ROME
fiches) hands its sheets over as `Incoming` values, and `import_careers` decides
for each, against what the database holds:

- a new source key: the career is created (its slug made unique);
- a career edited since its import (the admin, a shell…): it is kept as it is,
  whether its source changed or not, and the report says so, unless `force`;
- the same source digest as at the last import: nothing is written;
- a source that changed, for a career nobody edited since: the career is updated.

Publication is never touched, and careers are found by their source key, never
by their slug, which an editor may change.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.history import having_history
from core.imports import import_lock, importing
from core.redirects import taken as former_slugs
from core.text import normalise
from skills.models import RomeCode

from . import freshness, history
from .jobsheet import JobSheet, parse_jobsheet
from .models import Career, CareerRome
from .rows import (
    SectionChange,
    changes,
    check_limits,
    held_rows,
    planned_rows,
    remove_rows,
    write_rows,
)
from .textformat import JobSheetError, Part

CREATED, UPDATED, UNCHANGED = "créée", "mise à jour", "inchangée"
KEPT = "modifiée dans l'administration depuis le dernier import : conservée"
# How long an import sent through the admin waits for another to finish (seconds): a web
# request gives up sooner than a command.
UPLOAD_WAIT = 10
TITLE_MAX = Career._meta.get_field("title").max_length
SUMMARY_MAX = Career._meta.get_field("summary").max_length


@dataclass(frozen=True)
class Incoming:
    """One career as a source says it, on its way into the catalogue."""

    key: str  # "fiche:<folded title>", "rome:N1303"
    title: str
    summary: str
    parts: tuple[Part, ...]
    source: str  # the file, as errors name it
    source_name: str  # the file, as the career remembers it
    # (code, label) of its ROME codes; None when the source names none, so that the
    # codes an editor gave the career stay.
    rome_codes: tuple[tuple[str, str], ...] | None = None
    dataset: object = None  # core.Dataset


@dataclass(frozen=True)
class ImportReport:
    slug: str
    title: str
    status: str
    changes: tuple[SectionChange, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return self.status in (CREATED, UPDATED)

    def change(self, label: str) -> SectionChange:
        found = [change for change in self.changes if change.label == label]
        return found[0] if found else SectionChange(label, 0, 0)

    def __str__(self) -> str:
        details = ", ".join(str(change) for change in self.changes)
        text = f"{self.title} ({self.slug}) : {self.status}" + (f" — {details}" if details else "")
        return "\n".join([text, *(f"    attention : {warning}" for warning in self.warnings)])


def sheet_key(title: str) -> str:
    """How an imported sheet is found again: its title, folded (never its slug)."""
    return f"fiche:{normalise(title)}"


def incoming_sheet(sheet: JobSheet, source_name: str | None = None) -> Incoming:
    return Incoming(
        key=sheet_key(sheet.title),
        title=sheet.title,
        summary=sheet.summary,
        parts=tuple(sheet.parts()),
        source=sheet.source,
        source_name=Path(sheet.source).name if source_name is None else source_name,
    )


def digest(incoming: Incoming, plan) -> str:
    """What the source says of a career, as one value: equal digests, nothing to write."""
    content = {
        "title": incoming.title,
        "summary": incoming.summary,
        "rome": incoming.rome_codes,
        "rows": {table.label: [row.values for row in rows] for table, rows in plan.items()},
    }
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def check_head(incoming: Incoming) -> None:
    """Title and summary within their limits, and a title that makes an address."""
    if not slugify(incoming.title):
        raise JobSheetError(
            incoming.source,
            1,
            f"l'intitulé {incoming.title!r} ne donne aucun slug (attendu : des lettres)",
        )
    for what, text, limit in (
        ("fiche", incoming.title, TITLE_MAX),
        ("résumé", incoming.summary, SUMMARY_MAX),
    ):
        if len(text) > limit:
            raise JobSheetError(
                incoming.source,
                1 if what == "fiche" else 2,
                f"{what} : {text[:40]!r}… compte {len(text)} caractères "
                f"(attendu : {limit} au plus)",
            )


def import_careers(*, incoming: list[Incoming], force: bool = False) -> list[ImportReport]:
    """Create, update or keep the career of each incoming sheet, in one transaction.

    All the batch's rows are written at once (one insert per table); each career
    written becomes a version in its history (django-reversion), commented with
    its source file.
    """
    plans = []
    for sheet in incoming:
        check_head(sheet)
        plan = planned_rows(sheet.parts, source=sheet.source)
        check_limits(sheet.source, plan)
        plans.append(plan)

    # Edits of this transaction not yet marked (marking waits for the commit) are marked
    # now: they must be kept like any other.
    freshness.refresh_stale()
    with transaction.atomic(), importing():
        existing = {
            career.source_key: career
            for career in Career.objects.select_for_update().filter(
                source_key__in=[sheet.key for sheet in incoming]
            )
        }
        digests = [digest(sheet, plan) for sheet, plan in zip(incoming, plans, strict=True)]
        # What the database holds, for the careers an import will rewrite only (the report
        # says what changed): the unchanged ones cost no more than their digest.
        held = held_rows(
            career.pk
            for sheet, new_digest in zip(incoming, digests, strict=True)
            if (career := existing.get(sheet.key)) is not None
            and kept_as_is(career, new_digest, force) is None
        )
        reports, written, now = [], [], timezone.now()
        for sheet, plan, new_digest in zip(incoming, plans, digests, strict=True):
            career = existing.get(sheet.key)
            fields = {
                "title": sheet.title,
                "summary": sheet.summary,
                "source_name": sheet.source_name,
                "dataset": sheet.dataset,
                "source_digest": new_digest,
                "imported_at": now,
                "edited_at": None,
            }
            if career is not None and (status := kept_as_is(career, new_digest, force)):
                reports.append(ImportReport(career.slug, career.title, status))
                continue
            found = changes(held.get(career.pk, {}) if career else {}, plan)
            warnings: tuple[str, ...] = ()
            if career is None:
                slug, warnings = free_career_slug(sheet.title)
                career = Career.objects.create(slug=slug, source_key=sheet.key, **fields)
                status = CREATED
            else:
                for name, value in fields.items():
                    setattr(career, name, value)
                career.save()
                remove_rows([career.pk])
                status = UPDATED
            if sheet.rome_codes is not None:
                set_rome_codes(career, sheet.rome_codes)
            written.append((career, plan, sheet.source_name))
            reports.append(ImportReport(career.slug, sheet.title, status, found, warnings))
        write_rows([(career.pk, plan) for career, plan, _ in written])
        freshness.mark_stale(career.pk for career, _, _ in written)
        freshness.refresh_stale()
        record_versions([(career, source_name) for career, _, source_name in written])
    return reports


def kept_as_is(career: Career, new_digest: str, force: bool) -> str | None:
    """Why an existing career is not written (KEPT, UNCHANGED), or None if it is.

    An edited career is reported kept even when its source did not change: the
    editor's version is what the site shows, not the source's.
    """
    edited = career.edited_at is not None
    if edited and not force:
        return KEPT
    if career.source_digest == new_digest and not edited:
        return UNCHANGED
    return None


def free_career_slug(title: str) -> tuple[str, tuple[str, ...]]:
    """A slug for a new career: its title's, unless another career (or one that had it
    before) holds it, in which case the next free one, and a warning."""
    base = slugify(title)[:200]
    candidates = [base, *(f"{base}-{number}" for number in range(2, 100))]
    used = set(Career.objects.filter(slug__in=candidates).values_list("slug", flat=True))
    used |= former_slugs(Career, candidates)
    slug = next(candidate for candidate in candidates if candidate not in used)
    if slug == base:
        return slug, ()
    holder = Career.objects.filter(slug=base).values_list("title", flat=True).first()
    return slug, (
        f"l'intitulé donne la même adresse que « {holder or base} » : "
        f"fiche enregistrée sous /metiers/{slug}/",
    )


def set_rome_codes(career: Career, codes: tuple[tuple[str, str], ...]) -> None:
    """The career's ROME codes, in the source's order; codes the catalogue lacks are added."""
    CareerRome.objects.filter(career=career).delete()
    if not codes:
        return
    RomeCode.objects.bulk_create(
        [RomeCode(code=code, label=label) for code, label in codes], ignore_conflicts=True
    )
    rows = {rome.code: rome for rome in RomeCode.objects.filter(code__in=[c for c, _ in codes])}
    CareerRome.objects.bulk_create(
        CareerRome(career=career, position=position, rome_code=rows[code])
        for position, (code, _label) in enumerate(codes)
    )


def record_versions(written: list[tuple[Career, str]]) -> None:
    """Each career written that has a history gets a version of it, with its rows."""
    sources = {career.pk: source_name for career, source_name in written}
    kept = having_history(Career, sources)
    for career in history.with_rows(Career.objects.filter(pk__in=kept)):
        with reversion.create_revision(atomic=False):
            reversion.add_to_revision(career)
            reversion.set_comment(f"Import de {sources[career.pk]}")


def import_jobsheet(*, sheet: JobSheet, source_name: str = "", force: bool = False):
    """Import one parsed job sheet (see `import_careers`)."""
    [report] = import_careers(incoming=[incoming_sheet(sheet, source_name)], force=force)
    return report


def import_jobsheets(
    *, sheets: list[JobSheet], dry_run: bool = False, force: bool = False
) -> list[ImportReport]:
    """Import several sheets at once: all of them or, on any error, none.

    With `dry_run` the work is done and reported, then rolled back.
    """
    by_key: dict[str, JobSheet] = {}
    for sheet in sheets:
        other = by_key.setdefault(sheet_key(sheet.title), sheet)
        if other is not sheet:
            raise JobSheetError(
                sheet.source,
                1,
                f"l'intitulé {sheet.title!r} est déjà celui de {other.source} "
                "(attendu : un fichier par métier)",
            )
    with transaction.atomic():
        reports = import_careers(incoming=[incoming_sheet(sheet) for sheet in sheets], force=force)
        if dry_run:
            transaction.set_rollback(True)
    return reports


def import_uploaded_sheet(
    *, text: str, name: str, force: bool = False, dry_run: bool = False
) -> ImportReport:
    """One sheet sent through the admin ("Importer une fiche"), `name` its file's: read and
    imported or, with `dry_run`, imported then rolled back, so that the report says what
    the import would do. Raises JobSheetError (nothing written) or ImportLocked."""
    sheet = parse_jobsheet(text, source=name)
    with import_lock(wait=UPLOAD_WAIT):
        [report] = import_jobsheets(sheets=[sheet], dry_run=dry_run, force=force)
    return report
