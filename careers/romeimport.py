"""France Travail's ROME 4.0 fiches into the catalogue: one career per fiche.

Each fiche (careers.rome, read streamed) becomes the parts of the ROME section
kinds (careers.sections.rome, rome_skills) and goes through the same import as
every other sheet (careers.services.import_careers), a batch at a time, each
batch in its transaction: found by its code ("rome:N1303"), never by its slug;
unchanged, it writes nothing; edited in the admin since, it is kept. The
editorial sheets of fixtures/jobsheets/ have keys of their own: never touched.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import reset_queries, transaction
from django.utils import timezone

from core.cache import bump
from core.models import Dataset

from .models import Career, Mobility, SectionKind
from .rome import RomeExport, RomeFiche, RomeFileError, open_export, parse_fiche
from .sections.rome import (
    AccessPart,
    AppellationItem,
    AppellationsPart,
    MobilitiesPart,
    MobilityItem,
    SectorItem,
    SectorsPart,
)
from .sections.rome_skills import (
    ContextsPart,
    GroupedItem,
    ItemGroup,
    SavoirEtrePart,
    SavoirFairePart,
    SavoirsPart,
)
from .services import CREATED, KEPT, UNCHANGED, UPDATED, ImportReport, Incoming, import_careers

BATCH_SIZE = 200
MOBILITY_CHUNK = 2000
ROME_URL = (
    "https://www.data.gouv.fr/fr/datasets/repertoire-operationnel-des-metiers-et-des-emplois-rome/"
)
LICENCE = "Licence Ouverte 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def rome_key(code: str) -> str:
    return f"rome:{code}"


def _groups(groups, part_class, heading: str):
    """The enjeux (or categories) of one kind; an item a fiche names twice is kept once."""
    seen: set[str] = set()
    kept = []
    for group in groups:
        items = []
        for item in group.items:
            if item.code_ogr in seen:
                continue
            seen.add(item.code_ogr)
            core, emerging = getattr(item, "core", False), getattr(item, "emerging", False)
            items.append(GroupedItem(item.label, item.code_ogr, core, emerging))
        if items:
            kept.append(ItemGroup(group.label, tuple(items)))
    return part_class(heading, groups=tuple(kept)) if kept else None


def fiche_parts(fiche: RomeFiche) -> tuple:
    """The sections of a fiche, in the page's order; those the fiche lacks are absent."""
    parts = [
        AccessPart(SectionKind.ACCESS.label, intro=fiche.access) if fiche.access else None,
        AppellationsPart(
            SectionKind.APPELLATIONS.label,
            appellations=tuple(
                AppellationItem(item.label, item.short_label, item.code_ogr)
                for item in fiche.appellations
            ),
        )
        if fiche.appellations
        else None,
        _groups(fiche.savoir_faire, SavoirFairePart, SectionKind.SAVOIR_FAIRE.label),
        _groups(fiche.savoir_etre, SavoirEtrePart, SectionKind.SAVOIR_ETRE.label),
        _groups(fiche.savoirs, SavoirsPart, SectionKind.SAVOIRS.label),
        _groups(fiche.contexts, ContextsPart, SectionKind.CONTEXTS.label),
        SectorsPart(
            SectionKind.SECTORS.label,
            sectors=tuple(SectorItem(s.code, s.label, s.is_main) for s in fiche.sectors),
        )
        if fiche.sectors
        else None,
        MobilitiesPart(
            SectionKind.MOBILITIES.label,
            mobilities=tuple(
                MobilityItem(item.target_code, item.target_label) for item in fiche.mobilities
            ),
        )
        if fiche.mobilities
        else None,
    ]
    return tuple(part for part in parts if part is not None)


def incoming_fiche(fiche: RomeFiche, *, source: str, dataset: Dataset) -> Incoming:
    return Incoming(
        key=rome_key(fiche.code),
        title=fiche.title,
        summary=fiche.definition,
        parts=fiche_parts(fiche),
        source=f"{source} (fiche n°{fiche.rank}, {fiche.code})",
        source_name=source,
        rome_codes=((fiche.code, fiche.title),),
        dataset=dataset,
    )


def rome_dataset(export: RomeExport) -> Dataset:
    dataset, _ = Dataset.objects.update_or_create(
        slug="rome",
        defaults={
            "publisher": "France Travail",
            "title": "ROME 4.0, fiches emploi-métier",
            "version": export.version,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "url": ROME_URL,
            "imported_at": timezone.now(),
        },
    )
    return dataset


def link_mobilities() -> int:
    """Point every mobility at the ROME fiche of its target code, where the catalogue has one;
    return how many changed. Only those are written, a chunk at a time."""
    fiches = dict(
        Career.objects.filter(source_key__startswith="rome:").values_list("source_key", "pk")
    )
    changed = 0
    mobilities = Mobility.objects.only("pk", "target_code", "target_id").order_by("pk")
    for chunk in _chunks(mobilities.iterator(MOBILITY_CHUNK), MOBILITY_CHUNK):
        moved = []
        for mobility in chunk:
            target = fiches.get(rome_key(mobility.target_code))
            if mobility.target_id != target:
                mobility.target_id = target
                moved.append(mobility)
        Mobility.objects.bulk_update(moved, ["target"], batch_size=500)
        changed += len(moved)
    if changed:
        bump()  # bulk writes send no signal
    return changed


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


@dataclass
class RomeImportReport:
    version: str = ""
    read: int = 0
    counts: dict = field(default_factory=lambda: {CREATED: 0, UPDATED: 0, UNCHANGED: 0, KEPT: 0})
    warnings: list[str] = field(default_factory=list)

    def add(self, reports: list[ImportReport]) -> None:
        for report in reports:
            self.counts[report.status] += 1
            self.warnings += [f"{report.title} : {warning}" for warning in report.warnings]

    def __str__(self) -> str:
        counts = self.counts
        return (
            f"ROME {self.version} : {self.read} fiches lues, {counts[CREATED]} créées, "
            f"{counts[UPDATED]} mises à jour, {counts[UNCHANGED]} inchangées, "
            f"{counts[KEPT]} conservées (modifiées dans l'administration)."
        )


def _fiches(export: RomeExport, codes: set[str] | None) -> Iterator[RomeFiche]:
    for rank, raw in export.raw_fiches():
        fiche = parse_fiche(raw, rank=rank, source=export.source_name)
        if codes is None or fiche.code in codes:
            yield fiche


def import_rome(
    *,
    path,
    codes: set[str] | None = None,
    dry_run: bool = False,
    force: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[RomeImportReport], None] = lambda report: None,
) -> RomeImportReport:
    """Import the fiches of an export (the official ZIP or a lone JSON file), by batches.

    A bad fiche stops the import with a RomeFileError naming it: its batch is not
    written; the batches before it stay (importing again is safe). With `dry_run`
    every batch is rolled back: the report says what would change.
    """
    export = open_export(path)
    report = RomeImportReport(version=export.version)
    stream = _fiches(export, codes)
    try:
        while batch := list(islice(stream, batch_size)):
            report.read += len(batch)
            with transaction.atomic():
                # The dataset in each batch's transaction: a file refused from its first
                # batch on leaves the database exactly as it was.
                dataset = rome_dataset(export)
                incoming = [
                    incoming_fiche(fiche, source=export.source_name, dataset=dataset)
                    for fiche in batch
                ]
                report.add(import_careers(incoming=incoming, force=force))
                if dry_run:
                    transaction.set_rollback(True)
            # With DEBUG on, Django keeps the SQL of the last 9 000 queries; a batch's
            # inserts name thousands of values each: memory would grow with the file.
            reset_queries()
            progress(report)
    finally:
        # The batches written link their mobilities even when a later one is refused.
        if not dry_run and report.read:
            with transaction.atomic():
                link_mobilities()
    return report


__all__ = ["RomeFileError", "import_rome"]
