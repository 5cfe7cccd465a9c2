"""Salaries (#SALAIRE or #SALAIRE ET ÉVOLUTION) and, after "EVOLUTION DE CARRIERE" in the
same section, the paragraphs on career evolution.

    DÉBUTANT (- de 3ans)                      a level, its experience in brackets
    De 22000€ à 26000€ brut par an            its band (minimum ≤ maximum)
    « … »                                     the section's note, after the bands
"""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch

from core import charts
from core.opendata import LIST_JOINER

from .. import models
from ..models import SectionKind
from ..textformat import Line, Part, Reader, join_paragraphs
from .base import ChildInline, Row, SectionSpec, Table

BAND_LABEL = re.compile(r"^(?P<label>[^()]*?)\s*\((?P<experience>[^()]*)\)$")
AMOUNT = r"\d[\d .]*?"
AMOUNT_LINE = re.compile(
    rf"^de\s+(?P<min>{AMOUNT})\s*€\s*(?:à|a)\s+(?P<max>{AMOUNT})\s*€\s*(?P<period>.*)$",
    re.IGNORECASE,
)
EVOLUTION_HEADING = "evolution de carriere"


@dataclass(frozen=True)
class SalaryBand:
    label: str
    experience: str
    min_eur: int
    max_eur: int
    period: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class EvolutionPart(Part):
    """ "EVOLUTION DE CARRIERE": the paragraphs closing the salary section."""

    kind = SectionKind.EVOLUTION


@dataclass(frozen=True)
class SalarySection(Part):
    """`note` holds what follows the bands (the « quote »)."""

    kind = SectionKind.SALARY
    bands: tuple[SalaryBand, ...] = ()
    evolution: EvolutionPart | None = None

    def item_statements(self):
        for band in self.bands:
            yield from (band.label, band.experience, band.period)

    def sub_parts(self) -> tuple[Part, ...]:
        return (self.evolution,) if self.evolution else ()


BANDS = Table(
    "salaires",
    models.SalaryBand,
    ("position", "label", "experience", "min_eur", "max_eur", "period"),
    searched=("label", "experience"),
)


class SalaryBandInline(ChildInline):
    model = models.SalaryBand
    fields = ["position", "label", "experience", "min_eur", "max_eur", "period"]


class Salary(SectionSpec):
    kind = SectionKind.SALARY
    family = "salaire"
    anchor = "salaire"
    markers = ("salaire", "salaireetevolution")
    tables = (BANDS,)
    attr = "salary_bands"
    csv_columns = (
        (
            "salary_bands",
            lambda career: LIST_JOINER.join(
                f"{band.label} : {band.min_eur}-{band.max_eur} € {band.period}".strip()
                for band in career.salary_bands
            ),
        ),
    )
    inlines = (SalaryBandInline,)

    def parse(self, reader: Reader, title: str) -> SalarySection:
        def stop(line: Line) -> bool:
            return line.normal == EVOLUTION_HEADING or line.key.startswith("«")

        def is_note(line: Line) -> bool:
            return line.normal != EVOLUTION_HEADING and (
                line.key.startswith("«") or not line.is_label
            )

        heading, subheading = reader.opening(title, stop)
        intro = join_paragraphs(reader.prose(stop))
        bands = []
        notes: list[list[Line]] = []
        evolution = None
        while (line := reader.peek()) is not None:
            if line.normal == EVOLUTION_HEADING:
                reader.take()
                text = join_paragraphs(reader.paragraphs(lambda line: True))
                evolution = EvolutionPart(line.text, intro=text, line=line.number)
            elif is_note(line):
                notes.extend(reader.paragraphs(is_note))
            else:
                bands.append(_band(reader, reader.take()))
        if not bands:
            raise reader.fail(
                None,
                "aucune fourchette de salaire",
                "« DÉBUTANT (- de 3ans) » puis « De 22000€ à 26000€ brut par an »",
            )
        return SalarySection(
            heading,
            subheading,
            intro,
            join_paragraphs(notes),
            bands=tuple(bands),
            evolution=evolution,
        )

    def rows(self, part: SalarySection, source: str) -> dict[Table, list[Row]]:
        return {
            BANDS: [
                Row(
                    (
                        position,
                        band.label,
                        band.experience,
                        band.min_eur,
                        band.max_eur,
                        band.period,
                    ),
                    band.line,
                )
                for position, band in enumerate(part.bands)
            ]
        }

    def prefetches(self) -> list[Prefetch]:
        bands = models.SalaryBand.objects.order_by("position")
        return [Prefetch("salaryband_set", bands, "salary_bands")]

    def chart(self, career) -> charts.Chart:
        return charts.range_bars(
            [
                (
                    f"{band.label} ({band.experience})" if band.experience else band.label,
                    band.min_eur,
                    band.max_eur,
                )
                for band in career.salary_bands
            ]
        )

    def json_items(self, career, url) -> list[dict]:
        return [
            {
                "label": band.label,
                "experience": band.experience,
                "min_eur": band.min_eur,
                "max_eur": band.max_eur,
                "period": band.period,
            }
            for band in career.salary_bands
        ]

    def fake(self, draft) -> SalarySection:
        bands, low = [], draft.rng.randrange(20000, 32000, 500)
        for label, experience in draft.salary_steps():
            high = low + draft.rng.randrange(3000, 9000, 500)
            bands.append(SalaryBand(label, experience, low, high, "brut par an"))
            low = high - draft.rng.randrange(0, 2000, 500)
        return SalarySection(**draft.words(self.label), bands=tuple(bands))


def _band(reader: Reader, label: Line) -> SalaryBand:
    amount = reader.peek()
    match = AMOUNT_LINE.match(amount.key) if amount else None
    if not match:
        raise reader.fail(
            amount,
            f"montants illisibles pour {label.text!r}",
            "une ligne comme « De 22000€ à 26000€ brut par an »",
        )
    reader.take()
    low, high = (int(re.sub(r"[ .]", "", match[name])) for name in ("min", "max"))
    if low > high:
        raise reader.fail(
            amount, f"salaire minimum {low} supérieur au maximum {high}", "minimum ≤ maximum"
        )
    band = BAND_LABEL.match(label.key)
    return SalaryBand(
        label=label.group(band, "label") if band else label.text,
        experience=label.group(band, "experience") if band else "",
        min_eur=low,
        max_eur=high,
        period=amount.group(match, "period"),
        line=label.number,
    )


class Evolution(SectionSpec):
    """All text: its introduction and note, on the section's own row."""

    kind = SectionKind.EVOLUTION
    family = "salaire"
    anchor = "evolution"

    def fake(self, draft) -> EvolutionPart:
        return EvolutionPart(**draft.words(self.label))
