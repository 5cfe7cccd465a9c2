"""Write a parsed job sheet into the catalogue."""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import models, transaction
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone
from django.utils.text import slugify

from skills.models import Skill, SkillKind, ToolFamily
from skills.text import normalise

from . import jobsheet as js
from .models import (
    Career,
    CareerSection,
    CareerSkill,
    Dimension,
    EducationLevel,
    ExperiencePath,
    FaqEntry,
    FulfilmentScore,
    Mission,
    MissionBlock,
    SalaryBand,
    SectionKind,
    ToolGroup,
)

# The sheets print the dimensions under the very labels of `Dimension`.
DIMENSION_BY_LABEL: dict[str, Dimension] = {normalise(choice.label): choice for choice in Dimension}

CREATED, UPDATED, UNCHANGED = "créée", "mise à jour", "inchangée"


@dataclass(frozen=True)
class Table:
    """One kind of child row, described by the fields that say what it holds."""

    label: str
    model: type[models.Model]
    fields: tuple[str, ...]
    career_path: str = "career"


SECTIONS = Table(
    "sections",
    CareerSection,
    ("position", "kind", "heading", "subheading", "intro", "note"),
)
SCORES = Table(
    "profil d'épanouissement", FulfilmentScore, ("position", "dimension", "percent", "hint")
)
BLOCKS = Table("blocs de missions", MissionBlock, ("position", "title"))
MISSIONS = Table(
    "missions", Mission, ("block__position", "position", "text"), career_path="block__career"
)
TOOL_GROUPS = Table("familles d'outils", ToolGroup, ("position", "family__name", "description"))
SKILL_FIELDS = (
    "skill__kind",
    "skill__name",
    "position",
    "description",
    "score",
    "keywords",
    "tool_group__position",
    "tool_group__family__name",
)
SOFT_SKILLS = Table("soft skills", CareerSkill, SKILL_FIELDS)
HARD_SKILLS = Table("hard skills", CareerSkill, SKILL_FIELDS)
TOOLS = Table("outils", CareerSkill, SKILL_FIELDS)
CONSTRAINTS = Table("contraintes", CareerSkill, SKILL_FIELDS)
EDUCATION = Table(
    "formations",
    EducationLevel,
    (
        "position",
        "name",
        "level_label",
        "ects",
        "description",
        "career_text",
        "note",
        "programmes_label",
    ),
)
EXPERIENCE = Table("expériences", ExperiencePath, ("position", "title", "description"))
SALARIES = Table(
    "salaires", SalaryBand, ("position", "label", "experience", "min_eur", "max_eur", "period")
)
FAQ = Table("questions fréquentes", FaqEntry, ("position", "question", "answer"))
TABLES = (
    SECTIONS,
    SCORES,
    BLOCKS,
    MISSIONS,
    SOFT_SKILLS,
    HARD_SKILLS,
    TOOL_GROUPS,
    TOOLS,
    CONSTRAINTS,
    EDUCATION,
    EXPERIENCE,
    SALARIES,
    FAQ,
)
SKILL_TABLES = {
    SkillKind.SOFT: SOFT_SKILLS,
    SkillKind.HARD: HARD_SKILLS,
    SkillKind.TOOL: TOOLS,
    SkillKind.CONSTRAINT: CONSTRAINTS,
}


@dataclass(frozen=True)
class SectionChange:
    label: str
    added: int
    removed: int
    reordered: bool = False

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.reordered)

    def __str__(self) -> str:
        moved = " (ordre modifié)" if self.reordered else ""
        return f"{self.label} +{self.added} −{self.removed}{moved}"


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


@dataclass(frozen=True)
class Row:
    values: tuple
    line: int  # where the source says it, for error messages


def import_jobsheet(*, sheet: js.JobSheet, source_name: str = "") -> ImportReport:
    """Create or update the career of `sheet` so that it says exactly what the sheet says.

    Child rows are compared with what the database holds: when nothing
    differs nothing is written, so importing the same text twice is a no-op.
    Otherwise the child rows are replaced and the shared vocabulary (skills,
    tools, tool families) is reused by name.
    """
    slug = slugify(sheet.title)
    if not slug:
        raise js.JobSheetError(
            sheet.source,
            1,
            f"l'intitulé {sheet.title!r} ne donne aucun slug (attendu : des lettres)",
        )
    wanted = plan_rows(sheet)
    for table, rows in wanted.items():
        check_lengths(sheet.source, table, rows)
    check_lengths(sheet.source, Table("fiche", Career, ("title",)), [Row((sheet.title,), 1)])

    with transaction.atomic():
        career = Career.objects.select_for_update().filter(slug=slug).first()
        current = snapshot(career) if career else {table: [] for table in TABLES}
        changes = tuple(
            change for table in TABLES if (change := compare(table, current[table], wanted[table]))
        )
        fields = {"title": sheet.title, "summary": sheet.summary}
        if source_name:
            fields["source_name"] = source_name
        if career is None:
            career = Career.objects.create(slug=slug, **fields)
            write_children(career, wanted)
            refresh_search_text(career_id=career.pk)
            return ImportReport(slug, sheet.title, CREATED, changes)
        stale = {name: value for name, value in fields.items() if getattr(career, name) != value}
        if not changes and not stale:
            return ImportReport(slug, sheet.title, UNCHANGED)
        for name, value in stale.items():
            setattr(career, name, value)
        career.save()  # even for rows only: a new updated_at retires the cached sheet
        if changes:
            previous_skills, previous_families = remove_children(career)
            write_children(career, wanted)
            drop_unused_vocabulary(previous_skills, previous_families)
        refresh_search_text(career_id=career.pk)
    return ImportReport(slug, sheet.title, UPDATED, changes)


def import_jobsheets(*, sheets: list[js.JobSheet], dry_run: bool = False) -> list[ImportReport]:
    """Import several sheets at once: all of them or, on any error, none.

    With `dry_run` the work is done and reported, then rolled back.
    """
    by_slug: dict[str, js.JobSheet] = {}
    for sheet in sheets:
        other = by_slug.setdefault(slugify(sheet.title), sheet)
        if other is not sheet:
            raise js.JobSheetError(
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


# --- What the sheet asks for ------------------------------------------------------


def plan_rows(sheet: js.JobSheet) -> dict[Table, list[Row]]:
    """Every child row of the sheet, as the tuples `Table.fields` describe."""
    rows: dict[Table, list[Row]] = {table: [] for table in TABLES}

    def section(kind: str, part: js.Section, line: int) -> None:
        position = len(rows[SECTIONS])
        values = (position, str(kind), part.heading, part.subheading, part.intro, part.note)
        rows[SECTIONS].append(Row(values, line))

    def link(kind: str, name: str, line: int, **extra) -> None:
        table = SKILL_TABLES[kind]
        position = len(rows[table])
        values = (
            str(kind),
            name,
            position,
            extra.get("description", ""),
            extra.get("score"),
            extra.get("keywords", ""),
            extra.get("group"),
            extra.get("family"),
        )
        rows[table].append(Row(values, line))

    if sheet.profile:
        profile = sheet.profile
        rows[SECTIONS].append(Row((0, str(SectionKind.FULFILMENT), profile.heading, "", "", ""), 1))
        for position, dimension in enumerate(profile.dimensions):
            values = (
                position,
                str(dimension_of(sheet, dimension)),
                dimension.percent,
                dimension.hint,
            )
            rows[SCORES].append(Row(values, dimension.line))

    for part in sheet.sections:
        match part:
            case js.MissionsSection():
                section(SectionKind.MISSIONS, part, part.line)
                for block_position, block in enumerate(part.blocks):
                    rows[BLOCKS].append(Row((block_position, ""), block[0].line))
                    for position, task in enumerate(block):
                        rows[MISSIONS].append(Row((block_position, position, task.text), task.line))
            case js.SoftSkillsSection():
                section(SectionKind.SOFT_SKILLS, part, part.line)
                for skill in part.skills:
                    link(SkillKind.SOFT, skill.name, skill.line, description=skill.description)
            case js.HardSkillsSection():
                section(SectionKind.HARD_SKILLS, part, part.line)
                for hard in part.skills:
                    link(
                        SkillKind.HARD,
                        hard.name,
                        hard.line,
                        score=hard.score,
                        keywords=hard.keywords,
                    )
            case js.EducationSection():
                section(SectionKind.EDUCATION, part, part.line)
                for position, level in enumerate(part.levels):
                    values = (
                        position,
                        level.name,
                        level.level_label,
                        level.ects,
                        level.description,
                        level.career_text,
                        level.note,
                        level.programmes_label,
                    )
                    rows[EDUCATION].append(Row(values, level.line))
                if part.experience:
                    section(SectionKind.EXPERIENCE, part.experience, part.experience.line)
                    for position, path in enumerate(part.experience.paths):
                        values = (position, path.title, path.description)
                        rows[EXPERIENCE].append(Row(values, path.line))
            case js.ToolsSection():
                section(SectionKind.TOOLS, part, part.line)
                for group_position, family in enumerate(part.families):
                    values = (group_position, family.name, family.description)
                    rows[TOOL_GROUPS].append(Row(values, family.line))
                    for tool in family.tools:
                        link(
                            SkillKind.TOOL,
                            tool.name,
                            tool.line,
                            group=group_position,
                            family=family.name,
                        )
            case js.ConstraintsSection():
                section(SectionKind.CONSTRAINTS, part, part.line)
                for constraint in part.constraints:
                    link(
                        SkillKind.CONSTRAINT,
                        constraint.name,
                        constraint.line,
                        description=constraint.description,
                    )
            case js.SalarySection():
                section(SectionKind.SALARY, part, part.line)
                for position, band in enumerate(part.bands):
                    values = (
                        position,
                        band.label,
                        band.experience,
                        band.min_eur,
                        band.max_eur,
                        band.period,
                    )
                    rows[SALARIES].append(Row(values, band.line))
                if part.evolution:
                    section(SectionKind.EVOLUTION, part.evolution, part.evolution.line)
            case js.FaqSection():
                section(SectionKind.FAQ, part, part.line)
                for position, entry in enumerate(part.entries):
                    values = (position, entry.question, entry.answer)
                    rows[FAQ].append(Row(values, entry.line))
    return rows


def dimension_of(sheet: js.JobSheet, dimension: js.FulfilmentDimension) -> Dimension:
    try:
        return DIMENSION_BY_LABEL[normalise(dimension.label)]
    except KeyError:
        expected = ", ".join(choice.label for choice in Dimension)
        raise js.JobSheetError(
            sheet.source,
            dimension.line,
            f"dimension d'épanouissement inconnue {dimension.label!r} "
            f"(attendu : l'une de {expected})",
        ) from None


def model_field(model: type[models.Model], path: str) -> models.Field:
    *relations, name = path.split(LOOKUP_SEP)
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


def check_lengths(source: str, table: Table, rows: list[Row]) -> None:
    """PostgreSQL refuses what SQLite would silently store: say where it is too long."""
    for index, path in enumerate(table.fields):
        limit = model_field(table.model, path).max_length
        if not limit:
            continue
        for row in rows:
            value = row.values[index]
            if isinstance(value, str) and len(value) > limit:
                raise js.JobSheetError(
                    source,
                    row.line,
                    f"{table.label} : {value[:40]!r}… compte {len(value)} caractères "
                    f"(attendu : {limit} au plus)",
                )


# --- What the database holds --------------------------------------------------


def snapshot(career: Career) -> dict[Table, list[tuple]]:
    held = {}
    for table in TABLES:
        rows = table.model.objects.filter(**{table.career_path: career})
        if table.model is CareerSkill:
            kind = next(kind for kind, skill_table in SKILL_TABLES.items() if skill_table is table)
            rows = rows.filter(skill__kind=kind)
        held[table] = list(rows.order_by(*table.fields).values_list(*table.fields))
    return held


def compare(table: Table, held: list[tuple], wanted: list[Row]) -> SectionChange:
    """Rows added and removed, told apart by content: a row that only moved is neither."""
    kept = [index for index, name in enumerate(table.fields) if not name.endswith("position")]

    def content(values: tuple) -> tuple:
        return tuple(values[index] for index in kept)

    before = Counter(content(values) for values in held)
    after = Counter(content(row.values) for row in wanted)
    added, removed = (after - before).total(), (before - after).total()
    reordered = not added and not removed and Counter(held) != Counter(r.values for r in wanted)
    return SectionChange(table.label, added, removed, reordered)


# --- Writing ---------------------------------------------------------------------


def remove_children(career: Career) -> tuple[set[int], set[int]]:
    """Delete the career's rows; return the vocabulary they pointed at."""
    skill_ids = set(career.skill_links.values_list("skill_id", flat=True))
    family_ids = set(ToolGroup.objects.filter(career=career).values_list("family_id", flat=True))
    career.skill_links.all().delete()
    for model in (
        ToolGroup,
        MissionBlock,
        CareerSection,
        FulfilmentScore,
        EducationLevel,
        ExperiencePath,
        SalaryBand,
        FaqEntry,
    ):
        model.objects.filter(career=career).delete()
    return skill_ids, family_ids


def drop_unused_vocabulary(skill_ids: set[int], family_ids: set[int]) -> None:
    """Vocabulary that only this career used, and that its new text no longer names."""
    Skill.objects.filter(pk__in=skill_ids, career_links__isnull=True).delete()
    ToolFamily.objects.filter(pk__in=family_ids, career_groups__isnull=True).delete()


def simple_rows(career: Career, table: Table, rows: list[Row]) -> list[models.Model]:
    return [
        table.model(career=career, **dict(zip(table.fields, row.values, strict=True)))
        for row in rows
    ]


def write_children(career: Career, wanted: dict[Table, list[Row]]) -> None:
    for table in (SECTIONS, SCORES, EDUCATION, EXPERIENCE, SALARIES, FAQ):
        table.model.objects.bulk_create(simple_rows(career, table, wanted[table]))

    blocks = MissionBlock.objects.bulk_create(simple_rows(career, BLOCKS, wanted[BLOCKS]))
    Mission.objects.bulk_create(
        Mission(block=blocks[block_position], position=position, text=text)
        for (block_position, position, text) in (row.values for row in wanted[MISSIONS])
    )

    families = tool_families([row.values[1] for row in wanted[TOOL_GROUPS]])
    groups = ToolGroup.objects.bulk_create(
        ToolGroup(career=career, position=position, family=families[name], description=text)
        for (position, name, text) in (row.values for row in wanted[TOOL_GROUPS])
    )

    links = [row.values for table in SKILL_TABLES.values() for row in wanted[table]]
    skills = vocabulary([(kind, name) for (kind, name, *_) in links])
    CareerSkill.objects.bulk_create(
        CareerSkill(
            career=career,
            skill=skills[kind, name],
            position=position,
            description=description,
            score=score,
            keywords=keywords,
            tool_group=groups[group] if group is not None else None,
        )
        for (kind, name, position, description, score, keywords, group, _family) in links
    )


def free_slug(base: str, suffixes: list[str], taken: set[str]) -> str:
    candidates = [base, *(f"{base}-{suffix}" for suffix in suffixes)]
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{candidates[-1]}-{number}" in taken:
        number += 1
    return f"{candidates[-1]}-{number}"


def vocabulary(keys: list[tuple[str, str]]) -> dict[tuple[str, str], Skill]:
    """The Skill row of each (kind, name), created when missing.

    A slug already taken by another item (another kind of the same name) is
    suffixed with the kind.
    """
    names = {name for _, name in keys}
    found = {
        (skill.kind, skill.name): skill
        for skill in Skill.objects.filter(name__in=names)
        if (skill.kind, skill.name) in set(keys)
    }
    missing = list(dict.fromkeys(key for key in keys if key not in found))
    if missing:
        bases = {slugify(name) or kind for kind, name in missing}
        taken = set(
            Skill.objects.filter(
                models.Q(slug__in=bases)
                | models.Q(
                    *(models.Q(slug__startswith=f"{base}-") for base in bases), _connector="OR"
                )
            ).values_list("slug", flat=True)
        )
        created = []
        for kind, name in missing:
            slug = free_slug(slugify(name) or kind, [kind], taken)
            taken.add(slug)
            created.append(Skill(kind=kind, name=name, slug=slug, search_text=normalise(name)))
        for skill in Skill.objects.bulk_create(created):
            found[skill.kind, skill.name] = skill
    return found


def tool_families(names: list[str]) -> dict[str, ToolFamily]:
    found = {family.name: family for family in ToolFamily.objects.filter(name__in=names)}
    missing = list(dict.fromkeys(name for name in names if name not in found))
    if missing:
        bases = {slugify(name) or "famille" for name in missing}
        taken = set(
            ToolFamily.objects.filter(
                models.Q(slug__in=bases)
                | models.Q(
                    *(models.Q(slug__startswith=f"{base}-") for base in bases), _connector="OR"
                )
            ).values_list("slug", flat=True)
        )
        created = []
        for name in missing:
            slug = free_slug(slugify(name) or "famille", [], taken)
            taken.add(slug)
            created.append(ToolFamily(name=name, slug=slug))
        for family in ToolFamily.objects.bulk_create(created):
            found[family.name] = family
    return found


def refresh_search_text(*, career_id: int) -> None:
    """Rebuild a career's search copy from its rows, after an import or an admin edit.

    One builder for the importer and the admin: the search copy always says what
    the database holds.
    """
    career = Career.objects.with_sheet().get(pk=career_id)
    texts = [career.title, career.summary]
    if career.scores:
        texts.append("Profil d'épanouissement")
    texts += [
        text for score in career.scores for text in (score.get_dimension_display(), score.hint)
    ]
    for section in career.sections:
        texts += [section.heading, section.subheading, section.intro, section.note]
    texts += [mission.text for block in career.mission_blocks for mission in block.missions.all()]
    for link in [*career.soft_skills, *career.hard_skills, *career.constraints]:
        texts += [link.skill.name, link.description, link.keywords]
    for group in career.tool_groups:
        texts += [group.family.name, group.description]
        texts += [link.skill.name for link in group.ordered_tools]
    for level in career.educations:
        texts += [level.name, level.level_label, level.description, level.career_text, level.note]
        texts.append(level.programmes_label)
    texts += [text for path in career.experiences for text in (path.title, path.description)]
    texts += [text for band in career.salary_bands for text in (band.label, band.experience)]
    texts += [text for entry in career.faq_entries for text in (entry.question, entry.answer)]
    search_text = normalise(" ".join(text for text in texts if text))
    # A new updated_at also retires the cached rendered sheet (careers/sheet.py).
    Career.objects.filter(pk=career_id).update(search_text=search_text, updated_at=timezone.now())
