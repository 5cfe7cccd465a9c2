"""The sections of a ROME 4.0 fiche that are lists of their own: access to the job, its
appellations, its sectors of activity and the jobs one can move to.

ROME fiches come from France Travail's export (careers.rome, careers.romeimport),
not from the text format: these specs read no "#" section. The definition is the
career's summary; the skills and contexts are in careers.sections.rome_skills.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from core.opendata import LIST_JOINER

from ..models import Appellation, Mobility, SectionKind, Sector, appellation_search_label
from ..textformat import Part
from .base import ChildInline, Row, SectionSpec, Table


@dataclass(frozen=True)
class AccessPart(Part):
    """ "Accès au métier": all text, in its introduction."""

    kind = SectionKind.ACCESS


class Access(SectionSpec):
    kind = SectionKind.ACCESS
    family = "formation"
    anchor = "acces"
    flavour = "rome"

    def fake(self, draft) -> AccessPart:
        return AccessPart(self.label, intro=draft.para(3))


# --- Appellations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AppellationItem:
    label: str
    short_label: str = ""
    code_ogr: str = ""


@dataclass(frozen=True)
class AppellationsPart(Part):
    kind = SectionKind.APPELLATIONS
    appellations: tuple[AppellationItem, ...] = ()

    def item_statements(self):
        for appellation in self.appellations:
            yield from (appellation.label, appellation.short_label)


class AppellationTable(Table):
    def insert_values(self, career_id, values, resolved) -> dict:
        row = super().insert_values(career_id, values, resolved)
        return {**row, "search_label": appellation_search_label(row["label"], row["short_label"])}


APPELLATIONS = AppellationTable(
    "appellations",
    Appellation,
    ("position", "label", "short_label", "code_ogr"),
    searched=("label", "short_label"),
)


class AppellationInline(ChildInline):
    model = Appellation
    fields = ["position", "label", "short_label", "code_ogr"]


class Appellations(SectionSpec):
    kind = SectionKind.APPELLATIONS
    shown = 6
    item_names = ("appellation", "appellations")
    anchor = "appellations"
    flavour = "rome"
    tables = (APPELLATIONS,)
    attr = "appellations"
    csv_columns = (
        (
            "appellations",
            lambda career: LIST_JOINER.join(item.label for item in career.appellations),
        ),
    )
    inlines = (AppellationInline,)

    def rows(self, part: AppellationsPart, source: str) -> dict[Table, list[Row]]:
        return {
            APPELLATIONS: [
                Row((position, item.label, item.short_label, item.code_ogr), part.line)
                for position, item in enumerate(part.appellations)
            ]
        }

    def prefetches(self) -> list[Prefetch]:
        items = Appellation.objects.order_by("position")
        return [Prefetch("appellation_set", items, "appellations")]

    def json_items(self, career, url) -> list[dict]:
        return [
            {"label": item.label, "short_label": item.short_label, "code_ogr": item.code_ogr}
            for item in career.appellations
        ]

    def fake(self, draft) -> AppellationsPart:
        return AppellationsPart(
            self.label,
            appellations=tuple(
                AppellationItem(f"{draft.profession()} {domain}", code_ogr=draft.code())
                for domain in draft.domains(4)
            ),
        )


# --- Sectors of activity ---------------------------------------------------------------------


@dataclass(frozen=True)
class SectorItem:
    code: str
    label: str
    is_main: bool = False


@dataclass(frozen=True)
class SectorsPart(Part):
    kind = SectionKind.SECTORS
    sectors: tuple[SectorItem, ...] = ()

    def item_statements(self):
        yield from (sector.label for sector in self.sectors)


SECTORS = Table(
    "secteurs d'activité",
    Sector,
    ("position", "code", "label", "is_main"),
    searched=("label",),
)


class SectorInline(ChildInline):
    model = Sector
    fields = ["position", "code", "label", "is_main"]


class Sectors(SectionSpec):
    kind = SectionKind.SECTORS
    shown = 4
    item_names = ("secteur", "secteurs")
    anchor = "secteurs"
    flavour = "rome"
    tables = (SECTORS,)
    attr = "sectors"
    csv_columns = (
        ("sectors", lambda career: LIST_JOINER.join(sector.label for sector in career.sectors)),
    )
    inlines = (SectorInline,)

    def rows(self, part: SectorsPart, source: str) -> dict[Table, list[Row]]:
        return {
            SECTORS: [
                Row((position, sector.code, sector.label, sector.is_main), part.line)
                for position, sector in enumerate(part.sectors)
            ]
        }

    def prefetches(self) -> list[Prefetch]:
        return [Prefetch("sector_set", Sector.objects.order_by("position"), "sectors")]

    def json_items(self, career, url) -> list[dict]:
        return [
            {"code": sector.code, "label": sector.label, "is_main": sector.is_main}
            for sector in career.sectors
        ]

    def fake(self, draft) -> SectorsPart:
        domains = draft.domains(2)
        return SectorsPart(
            self.label,
            sectors=tuple(
                SectorItem(str(index + 1), f"Secteur {domain}", is_main=not index)
                for index, domain in enumerate(domains)
            ),
        )


# --- Mobilities ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MobilityItem:
    target_code: str
    target_label: str


@dataclass(frozen=True)
class MobilitiesPart(Part):
    kind = SectionKind.MOBILITIES
    mobilities: tuple[MobilityItem, ...] = ()

    def item_statements(self):
        for mobility in self.mobilities:
            yield from (mobility.target_code, mobility.target_label)


# Not searched: "Direction de site logistique" names the target job, not this one.
MOBILITIES = Table("évolutions possibles", Mobility, ("position", "target_code", "target_label"))


MOBILITY_COLUMNS = ("career_id", "position", "target_code", "target_label", "target_id")


def linked(mobility: Mobility) -> bool:
    """Whether the page links the target: a published fiche answers to its code."""
    return mobility.target is not None and mobility.target.is_published


class MobilityInline(ChildInline):
    model = Mobility
    fields = ["position", "target_code", "target_label", "target"]
    autocomplete_fields = ["target"]
    fk_name = "career"


class Mobilities(SectionSpec):
    kind = SectionKind.MOBILITIES
    shown = 4
    item_names = ("évolution", "évolutions")
    anchor = "evolutions"
    flavour = "rome"
    tables = (MOBILITIES,)
    attr = "mobilities"
    csv_columns = (
        (
            "mobilities",
            lambda career: LIST_JOINER.join(
                f"{item.target_code} {item.target_label}".strip() for item in career.mobilities
            ),
        ),
    )
    inlines = (MobilityInline,)

    def rows(self, part: MobilitiesPart, source: str) -> dict[Table, list[Row]]:
        return {
            MOBILITIES: [
                Row((position, item.target_code, item.target_label), part.line)
                for position, item in enumerate(part.mobilities)
            ]
        }

    def prefetches(self) -> list[Prefetch]:
        # The target fiches: their slugs make the links, when the catalogue has them.
        mobilities = (
            Mobility.objects.select_related("target")
            .only(*MOBILITY_COLUMNS, "target__slug", "target__title", "target__is_published")
            .order_by("position")
        )
        return [Prefetch("mobility_set", mobilities, "mobilities")]

    def json_items(self, career, url) -> list[dict]:
        return [
            {
                "target_code": item.target_code,
                "target_label": item.target_label,
                "url": url(item.target.get_absolute_url()) if linked(item) else None,
            }
            for item in career.mobilities
        ]

    def fake(self, draft) -> MobilitiesPart:
        return MobilitiesPart(
            self.label,
            intro=draft.para(1),
            mobilities=tuple(
                MobilityItem(draft.rome_code(), f"{draft.profession()} {domain}")
                for domain in draft.domains(3)
            ),
        )
