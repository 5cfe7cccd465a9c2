"""The fulfilment profile: five dimensions with a percent and a hint, printed under the summary.

    Profil d'épanouissement
    Qualité de vie 65%
    Équilibre vie pro/vie perso, charge mentale...

The block may be printed twice, identically; a second copy that differs is refused.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch

from core import charts
from core.text import normalise

from ..models import Dimension, FulfilmentScore, SectionKind
from ..textformat import JobSheetError, Part, Reader
from .base import ChildInline, Row, SectionSpec, Table

PERCENT_LINE = re.compile(r"^(?P<label>\S.*?)\s*:?\s*(?P<percent>\d+)\s*%$")
PROFILE_HEADING = "profil d'epanouissement"
# The sheets print the dimensions under the very labels of `Dimension`.
DIMENSION_BY_LABEL: dict[str, Dimension] = {normalise(choice.label): choice for choice in Dimension}


@dataclass(frozen=True)
class FulfilmentDimension:
    label: str
    percent: int
    hint: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class FulfilmentProfile(Part):
    kind = SectionKind.FULFILMENT
    dimensions: tuple[FulfilmentDimension, ...] = ()

    def item_statements(self):
        for dimension in self.dimensions:
            yield from (dimension.label, dimension.hint)


def parse_profile(reader: Reader) -> FulfilmentProfile | None:
    """The profile block under the summary, if any; a copy printed again must be identical."""
    copies: list[tuple] = []
    while (line := reader.peek()) is not None:
        if line.normal != PROFILE_HEADING:
            if not copies:
                raise reader.fail(
                    line, f"ligne inattendue {line.text[:60]!r}", "« Profil d'épanouissement »"
                )
            raise reader.fail(line, f"ligne inattendue {line.text[:60]!r}", "« Libellé 65% »")
        reader.take()
        dimensions = _dimensions(reader)
        if copies and (line.text, dimensions) != (copies[0][0].text, copies[0][1]):
            original = copies[0][1]
            differing = [
                copy.line
                for index, copy in enumerate(dimensions)
                if index >= len(original) or copy != original[index]
            ]
            raise JobSheetError(
                reader.source,
                differing[0] if differing else line.number,
                "profil d'épanouissement répété avec d'autres valeurs "
                f"(attendu : une copie identique du bloc de la ligne {copies[0][0].number})",
            )
        copies.append((line, dimensions))
    if not copies:
        return None
    heading, dimensions = copies[0]
    return FulfilmentProfile(heading.text, dimensions=tuple(dimensions), line=heading.number)


def _dimensions(reader: Reader) -> list[FulfilmentDimension]:
    dimensions: list[FulfilmentDimension] = []
    while (entry := reader.peek()) is not None and entry.normal != PROFILE_HEADING:
        match = PERCENT_LINE.match(entry.key)
        if not match:
            raise reader.fail(
                entry,
                f"ligne inattendue {entry.text[:60]!r}",
                "une ligne comme « Qualité de vie 65% »",
            )
        reader.take()
        percent = int(match["percent"])
        if percent > 100:
            raise reader.fail(entry, f"pourcentage {percent} supérieur à 100", "de 0 à 100")
        label = entry.group(match, "label")
        if any(normalise(label) == normalise(known.label) for known in dimensions):
            raise reader.fail(
                entry, f"dimension {label!r} en double", "chaque dimension une seule fois"
            )
        hint = reader.peek()
        has_hint = (
            hint is not None and hint.normal != PROFILE_HEADING and not PERCENT_LINE.match(hint.key)
        )
        if has_hint:
            reader.take()
        dimensions.append(
            FulfilmentDimension(label, percent, hint.text if has_hint else "", entry.number)
        )
    if not dimensions:
        raise reader.fail(reader.peek(), "profil d'épanouissement vide", "« Qualité de vie 65% »")
    return dimensions


class ScoreTable(Table):
    def search_texts(self, values: tuple):
        _position, dimension, _percent, hint = values
        return (Dimension(dimension).label, hint)


SCORES = ScoreTable(
    "profil d'épanouissement",
    FulfilmentScore,
    ("position", "dimension", "percent", "hint"),
    searched=("hint",),
)


class FulfilmentScoreInline(ChildInline):
    model = FulfilmentScore
    fields = ["position", "dimension", "percent", "hint"]


class Fulfilment(SectionSpec):
    kind = SectionKind.FULFILMENT
    family = "profil"
    anchor = "epanouissement"
    tables = (SCORES,)
    attr = "scores"
    csv_columns = tuple(
        (
            f"fulfilment_{dimension}",
            lambda career, dimension=dimension: next(
                (score.percent for score in career.scores if score.dimension == dimension), ""
            ),
        )
        for dimension in Dimension.values
    )
    inlines = (FulfilmentScoreInline,)

    def rows(self, part: FulfilmentProfile, source: str) -> dict[Table, list[Row]]:
        scores = []
        for position, dimension in enumerate(part.dimensions):
            values = (
                position,
                str(_dimension(dimension, source)),
                dimension.percent,
                dimension.hint,
            )
            scores.append(Row(values, dimension.line))
        return {SCORES: scores}

    def prefetches(self) -> list[Prefetch]:
        return [
            Prefetch("fulfilmentscore_set", FulfilmentScore.objects.order_by("position"), "scores")
        ]

    def chart(self, career) -> charts.Chart:
        return charts.percent_bars(
            [(score.get_dimension_display(), score.percent) for score in career.scores]
        )

    def json_items(self, career, url) -> list[dict]:
        return [
            {
                "dimension": score.dimension,
                "label": score.get_dimension_display(),
                "percent": score.percent,
                "hint": score.hint,
            }
            for score in career.scores
        ]

    def fake(self, draft) -> FulfilmentProfile:
        return FulfilmentProfile(
            **draft.words(self.label),
            dimensions=tuple(
                FulfilmentDimension(
                    label, draft.rng.randint(35, 95), draft.text(f"{label} : {draft.object()}")
                )
                for label in Dimension.labels
            ),
        )


def _dimension(dimension: FulfilmentDimension, source: str) -> Dimension:
    try:
        return DIMENSION_BY_LABEL[normalise(dimension.label)]
    except KeyError:
        expected = ", ".join(choice.label for choice in Dimension)
        raise JobSheetError(
            source,
            dimension.line,
            f"dimension d'épanouissement inconnue {dimension.label!r} "
            f"(attendu : l'une de {expected})",
        ) from None
