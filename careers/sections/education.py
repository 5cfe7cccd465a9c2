"""Education levels (#FORMATIONS or #PARCOURS / DIPLÔMES) and, printed in the same section
after "EXPERIENCE PROFESSIONNELLE", the paths into the job through experience.

For each diploma: its name ("BTS"), its level line ("BAC +2 | (120 crédits ECTS)"),
the diploma's presentation, the text proper to the job, an optional remark, then
"Les formations proposées" / "Voir toutes les formations Bac+2 (3)". Paragraphs
after the last diploma close the whole list.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch

from core.opendata import LIST_JOINER

from .. import models
from ..models import EducationLevel, SectionKind
from ..textformat import Line, Part, Reader, join_paragraphs, never
from .base import Row, SectionSpec, StackedChildInline, Table

LEVEL_LINE = re.compile(
    r"^(?P<label>[^|]*?)\s*\|\s*\(\s*(?P<ects>\d+)\s*cr[ée]dits?\s+ects\s*\)$", re.IGNORECASE
)
BARE_LEVEL_LINE = re.compile(r"^(?P<label>bac\s*\+\s*\d+)$", re.IGNORECASE)
EXPERIENCE_HEADING = "experience professionnelle"


@dataclass(frozen=True)
class Diploma:
    name: str
    level_label: str
    ects: int | None
    description: str = ""
    career_text: str = ""
    note: str = ""
    programmes_label: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ExperiencePath:
    title: str
    description: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ExperiencePart(Part):
    """ "EXPERIENCE PROFESSIONNELLE": the second half of the education section."""

    kind = SectionKind.EXPERIENCE
    paths: tuple[ExperiencePath, ...] = ()

    def item_statements(self):
        for path in self.paths:
            yield from (path.title, path.description)


@dataclass(frozen=True)
class EducationSection(Part):
    kind = SectionKind.EDUCATION
    levels: tuple[Diploma, ...] = ()
    experience: ExperiencePart | None = None

    def item_statements(self):
        for level in self.levels:
            yield from (level.name, level.level_label, level.description)
            yield from (level.career_text, level.note, level.programmes_label)

    def sub_parts(self) -> tuple[Part, ...]:
        return (self.experience,) if self.experience else ()


EDUCATION_FIELDS = (
    "name",
    "level_label",
    "description",
    "career_text",
    "note",
    "programmes_label",
)
LEVELS = Table(
    "formations",
    EducationLevel,
    ("position", "name", "level_label", "ects", *EDUCATION_FIELDS[2:]),
    searched=EDUCATION_FIELDS,
)
PATHS = Table(
    "expériences",
    models.ExperiencePath,
    ("position", "title", "description"),
    searched=("title", "description"),
)


class EducationLevelInline(StackedChildInline):
    model = EducationLevel
    fields = [
        "position",
        ("name", "level_label", "ects"),
        "description",
        "career_text",
        "note",
        "programmes_label",
    ]


class ExperiencePathInline(StackedChildInline):
    model = models.ExperiencePath
    fields = ["position", "title", "description"]


class Education(SectionSpec):
    kind = SectionKind.EDUCATION
    family = "formation"
    shown = 1
    item_names = ("formation", "formations")
    anchor = "formations"
    markers = ("formations", "parcoursdiplomes")
    tables = (LEVELS,)
    attr = "educations"
    csv_columns = (
        (
            "education",
            lambda career: LIST_JOINER.join(
                f"{level.name} ({level.level_label})" if level.level_label else level.name
                for level in career.educations
            ),
        ),
    )
    inlines = (EducationLevelInline,)

    def parse(self, reader: Reader, title: str) -> EducationSection:
        def starts_level(line: Line) -> bool:
            after = reader.peek_after(line)
            return (
                line.is_label
                and after is not None
                and bool(LEVEL_LINE.match(after.key) or BARE_LEVEL_LINE.match(after.key))
            )

        def stop(line: Line) -> bool:
            return line.normal == EXPERIENCE_HEADING or starts_level(line)

        heading, subheading = reader.opening(title, stop)
        intro = join_paragraphs(reader.prose(stop))
        levels = []
        closing: list[list[Line]] = []
        while (line := reader.peek()) is not None and line.normal != EXPERIENCE_HEADING:
            if not starts_level(line):
                raise reader.fail(
                    line,
                    f"ligne inattendue {line.text[:60]!r}",
                    "un nom de diplôme puis « BAC +2 | … »",
                )
            level, closing = _diploma(reader, stop)
            levels.append(level)
        experience = _experience(reader) if reader.peek() else None
        if not levels and not (experience and experience.paths):
            raise reader.fail(
                None,
                "aucun diplôme ni parcours par l'expérience dans la section",
                "« BTS » puis « BAC +2 | … »",
            )
        return EducationSection(
            heading,
            subheading,
            intro,
            join_paragraphs(closing),
            levels=tuple(levels),
            experience=experience,
        )

    def rows(self, part: EducationSection, source: str) -> dict[Table, list[Row]]:
        return {
            LEVELS: [
                Row(
                    (
                        position,
                        level.name,
                        level.level_label,
                        level.ects,
                        level.description,
                        level.career_text,
                        level.note,
                        level.programmes_label,
                    ),
                    level.line,
                )
                for position, level in enumerate(part.levels)
            ]
        }

    def prefetches(self) -> list[Prefetch]:
        levels = EducationLevel.objects.order_by("position")
        return [Prefetch("educationlevel_set", levels, "educations")]

    def json_items(self, career, url) -> list[dict]:
        return [
            {
                "name": level.name,
                "level_label": level.level_label,
                "ects": level.ects,
                "description": level.description,
                "career_text": level.career_text,
                "note": level.note,
                "programmes_label": level.programmes_label,
            }
            for level in career.educations
        ]

    def fake(self, draft) -> EducationSection:
        diplomas = sorted(draft.diplomas(3), key=lambda diploma: diploma[2])
        return EducationSection(
            **draft.words(self.label),
            levels=tuple(
                Diploma(
                    name,
                    label,
                    ects,
                    description=f"Le {name} est un diplôme de niveau {label}.",
                    career_text=draft.para(1),
                    note=draft.para(1),
                    programmes_label=f"{name} {draft.domain}",
                )
                for name, label, ects in diplomas
            ),
        )


def _diploma(reader: Reader, stop) -> tuple[Diploma, list[list[Line]]]:
    """One diploma, and the paragraphs that close the list when it is the last."""
    name = reader.take()
    level_line = reader.take()
    match = LEVEL_LINE.match(level_line.key) or BARE_LEVEL_LINE.match(level_line.key)
    ects = int(match["ects"]) if "ects" in match.groupdict() else None
    if ects is not None and ects > 600:
        raise reader.fail(level_line, f"{ects} crédits ECTS", "600 au plus")
    prose, label, after_label = [], [], []
    for paragraph in reader.paragraphs(lambda line: not stop(line)):
        if all(line.is_label for line in paragraph) and not label and prose:
            label = paragraph
        elif any(not line.is_prose for line in paragraph):
            raise reader.fail(
                paragraph[0],
                f"ligne inattendue {paragraph[0].text[:60]!r} sous {name.text!r}",
                "des paragraphes, puis les lignes « Les formations proposées »",
            )
        elif label:
            after_label.append(paragraph)
        else:
            prose.append(paragraph)
    is_last = reader.peek() is None or reader.peek().normal == EXPERIENCE_HEADING
    if after_label and not is_last:
        raise reader.fail(
            after_label[0][0],
            "un paragraphe après la liste des formations proposées",
            "le nom du diplôme suivant",
        )
    if is_last and not label:
        # Paragraphs after the last diploma's two close the whole list.
        prose, after_label = prose[:2], prose[2:]
    diploma = Diploma(
        name=name.text,
        level_label=level_line.group(match, "label"),
        ects=ects,
        description=join_paragraphs(prose[:1]),
        career_text=join_paragraphs(prose[1:2]),
        note=join_paragraphs(prose[2:]),
        programmes_label=join_paragraphs([label]) if label else "",
        line=name.number,
    )
    return diploma, after_label


def _experience(reader: Reader) -> ExperiencePart:
    heading = reader.take()
    subheading = ""
    candidate = reader.peek()
    if candidate and candidate.is_label:
        after = reader.peek_after(candidate)
        if after and after.is_prose:
            subheading = reader.take().text
    intro = join_paragraphs(reader.prose(never))
    paths = tuple(
        ExperiencePath(path.name, path.description, path.line)
        for path in reader.named_texts("parcours")
    )
    return ExperiencePart(heading.text, subheading, intro, line=heading.number, paths=paths)


class Experience(SectionSpec):
    kind = SectionKind.EXPERIENCE
    family = "formation"
    shown = 1
    item_names = ("parcours", "parcours")
    anchor = "experience"
    tables = (PATHS,)
    attr = "experiences"
    csv_columns = (
        ("experience", lambda career: LIST_JOINER.join(path.title for path in career.experiences)),
    )
    inlines = (ExperiencePathInline,)

    def rows(self, part: ExperiencePart, source: str) -> dict[Table, list[Row]]:
        return {
            PATHS: [
                Row((position, path.title, path.description), path.line)
                for position, path in enumerate(part.paths)
            ]
        }

    def prefetches(self) -> list[Prefetch]:
        paths = models.ExperiencePath.objects.order_by("position")
        return [Prefetch("experiencepath_set", paths, "experiences")]

    def json_items(self, career, url) -> list[dict]:
        return [
            {"title": path.title, "description": path.description} for path in career.experiences
        ]

    def fake(self, draft) -> ExperiencePart:
        return ExperiencePart(
            **draft.words(self.label),
            paths=tuple(
                ExperiencePath(
                    f"Expérience en tant que {draft.profession()} {domain}", draft.para(1)
                )
                for domain in draft.domains(2)
            ),
        )
