"""Soft skills, hard skills and constraints: the career's use of the shared vocabulary.

    #SOFTSKILLS, #CONTRAINTES     a name on a line, then its paragraph for this career
    #HARDSKILLS                   "90 | Nom", then a line of keywords

Each item is a link (CareerSkill) to one row of the vocabulary (skills.Skill),
which every career naming it shares; the career's own words live on the link.
"""

import re
from dataclasses import dataclass, field

from django.contrib import admin
from django.db.models import Prefetch

from core import charts
from core.opendata import LIST_JOINER
from core.text import normalise
from skills.models import SkillKind

from ..models import CareerSkill, SectionKind, ToolGroup
from ..textformat import NamedText, Part, Reader, intro_and_note, never
from .base import Row, SectionSpec, Table, skill_json

LINK_FIELDS = (
    "skill__kind",
    "skill__name",
    "position",
    "description",
    "score",
    "keywords",
    "tool_group__position",
    "tool_group__family__name",
)


class SkillLinkTable(Table):
    """The links of one kind of vocabulary item; tools also name their group."""

    def __init__(self, label: str, kind: str) -> None:
        super().__init__(
            label,
            CareerSkill,
            LINK_FIELDS,
            searched=("skill__name", "description", "keywords"),
            where={"skill__kind": kind},
        )

    def vocabulary(self, values: tuple):
        kind, name, *_ = values
        return [("skill", kind, name)]

    def insert_values(self, career_id, values, resolved) -> dict:
        kind, name, position, description, score, keywords, group, _family = values
        return {
            "career_id": career_id,
            "skill_id": resolved.skills[kind, name].pk,
            "position": position,
            "description": description,
            "score": score,
            "keywords": keywords,
            "tool_group_id": None
            if group is None
            else resolved.parents[ToolGroup, career_id, group],
        }


def link_row(kind: str, name: str, position: int, line: int, **extra) -> Row:
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
    return Row(values, line)


def links_prefetch(kind: str, attr: str) -> Prefetch:
    links = CareerSkill.objects.filter(skill__kind=kind).select_related("skill")
    return Prefetch("skill_links", links.order_by("position", "pk"), attr)


class CareerSkillInline(admin.TabularInline):
    model = CareerSkill
    extra = 0
    ordering = ["position"]
    fields = ["position", "skill", "description", "score", "keywords", "tool_group"]
    autocomplete_fields = ["skill", "tool_group"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("career", "skill")


def names(links) -> str:
    return LIST_JOINER.join(link.skill.name for link in links)


# --- Soft skills and constraints: a name, then a paragraph ----------------------------------


@dataclass(frozen=True)
class SoftSkillsSection(Part):
    kind = SectionKind.SOFT_SKILLS
    skills: tuple[NamedText, ...] = ()

    def item_statements(self):
        for skill in self.skills:
            yield from (skill.name, skill.description)


@dataclass(frozen=True)
class ConstraintsSection(Part):
    kind = SectionKind.CONSTRAINTS
    constraints: tuple[NamedText, ...] = ()

    def item_statements(self):
        for constraint in self.constraints:
            yield from (constraint.name, constraint.description)


class NamedLinks(SectionSpec):
    """A section of vocabulary items, each with the career's own paragraph."""

    skill_kind: str
    what: str  # "soft skill", for error messages
    marker_name: str  # "#SOFTSKILLS"
    part: type
    part_field: str  # the part's field holding the items

    @property
    def table(self) -> SkillLinkTable:
        return self.tables[0]

    def parse(self, reader: Reader, title: str) -> Part:
        heading, subheading = reader.opening(title, never)
        intro, note = intro_and_note(reader.prose(never))
        items = reader.named_texts(self.what)
        if not items:
            raise reader.fail(
                None,
                f"aucune {self.what} dans {self.marker_name}",
                "une ligne de nom puis un paragraphe",
            )
        return self.part(heading, subheading, intro, note, **{self.part_field: tuple(items)})

    def rows(self, part: Part, source: str) -> dict[Table, list[Row]]:
        items = getattr(part, self.part_field)
        return {
            self.table: [
                link_row(
                    self.skill_kind, item.name, position, item.line, description=item.description
                )
                for position, item in enumerate(items)
            ]
        }

    def prefetches(self) -> list[Prefetch]:
        return [links_prefetch(self.skill_kind, self.attr)]

    def json_items(self, career, url) -> list[dict]:
        return [
            {**skill_json(link, url), "description": link.description}
            for link in self.items(career)
        ]

    def fake(self, draft) -> Part:
        items = tuple(
            NamedText(skill.name, draft.para(1)) for skill in draft.vocabulary(self.skill_kind)
        )
        return self.part(**draft.words(self.label), **{self.part_field: items})


class SoftSkills(NamedLinks):
    kind = SectionKind.SOFT_SKILLS
    family = "competences"
    shown = 1
    item_names = ("soft skill", "soft skills")
    anchor = "soft-skills"
    note_first = True
    markers = ("softskills",)
    skill_kind = SkillKind.SOFT
    what = "soft skill"
    marker_name = "#SOFTSKILLS"
    part = SoftSkillsSection
    part_field = "skills"
    tables = (SkillLinkTable("soft skills", SkillKind.SOFT),)
    attr = "soft_skills"
    csv_columns = (("soft_skills", lambda career: names(career.soft_skills)),)
    inlines = (CareerSkillInline,)


class Constraints(NamedLinks):
    kind = SectionKind.CONSTRAINTS
    family = "conditions"
    shown = 1
    item_names = ("contrainte", "contraintes")
    anchor = "contraintes"
    note_first = True
    markers = ("contraintes",)
    skill_kind = SkillKind.CONSTRAINT
    what = "contrainte"
    marker_name = "#CONTRAINTES"
    part = ConstraintsSection
    part_field = "constraints"
    tables = (SkillLinkTable("contraintes", SkillKind.CONSTRAINT),)
    attr = "constraints"
    csv_columns = (("constraints", lambda career: names(career.constraints)),)
    inlines = (CareerSkillInline,)


# --- Hard skills: a score, a name, a line of keywords ---------------------------------------

SCORE_LINE = re.compile(r"^(?P<score>\d+)\s*\|\s*(?P<name>\S.*)$")


@dataclass(frozen=True)
class HardSkill:
    score: int
    name: str
    keywords: str
    line: int = field(default=0, compare=False)
    # The text format prints none; what a career says of the skill, when it says it.
    description: str = ""


@dataclass(frozen=True)
class HardSkillsSection(Part):
    kind = SectionKind.HARD_SKILLS
    skills: tuple[HardSkill, ...] = ()

    def item_statements(self):
        for hard in self.skills:
            yield from (hard.name, hard.keywords)


HARD_LINKS = SkillLinkTable("hard skills", SkillKind.HARD)


class HardSkills(SectionSpec):
    kind = SectionKind.HARD_SKILLS
    family = "competences"
    shown = 3
    item_names = ("hard skill", "hard skills")
    anchor = "hard-skills"
    note_first = True
    markers = ("hardskills",)
    tables = (HARD_LINKS,)
    attr = "hard_skills"
    csv_columns = (
        (
            "hard_skills",
            lambda career: LIST_JOINER.join(
                f"{link.skill.name} ({link.score})" if link.score is not None else link.skill.name
                for link in career.hard_skills
            ),
        ),
    )
    inlines = (CareerSkillInline,)

    def parse(self, reader: Reader, title: str) -> HardSkillsSection:
        def is_score_line(line) -> bool:
            return bool(SCORE_LINE.match(line.key))

        heading, subheading = reader.opening(title, is_score_line)
        intro, note = intro_and_note(reader.prose(is_score_line))
        skills = []
        seen = set()
        while (line := reader.peek()) is not None:
            match = SCORE_LINE.match(line.key)
            if not match:
                raise reader.fail(
                    line, f"ligne inattendue {line.text[:60]!r}", "une ligne comme « 90 | Nom »"
                )
            reader.take()
            score = int(match["score"])
            if score > 100:
                raise reader.fail(
                    line, f"score de hard skill {score} supérieur à 100", "de 0 à 100"
                )
            keywords = reader.peek()
            if keywords is None or is_score_line(keywords):
                raise reader.fail(
                    line, f"hard skill {match['name']!r} sans mots-clés", "une ligne de mots-clés"
                )
            reader.take()
            if normalise(match["name"]) in seen:
                raise reader.fail(
                    line,
                    f"hard skill {match['name']!r} en double",
                    "chaque hard skill une seule fois",
                )
            seen.add(normalise(match["name"]))
            skills.append(HardSkill(score, line.group(match, "name"), keywords.text, line.number))
        if not skills:
            raise reader.fail(
                None, "aucune hard skill dans #HARDSKILLS", "des lignes comme « 90 | Nom »"
            )
        return HardSkillsSection(heading, subheading, intro, note, skills=tuple(skills))

    def rows(self, part: HardSkillsSection, source: str) -> dict[Table, list[Row]]:
        return {
            HARD_LINKS: [
                link_row(
                    SkillKind.HARD,
                    hard.name,
                    position,
                    hard.line,
                    score=hard.score,
                    keywords=hard.keywords,
                    description=hard.description,
                )
                for position, hard in enumerate(part.skills)
            ]
        }

    def prefetches(self) -> list[Prefetch]:
        return [links_prefetch(SkillKind.HARD, self.attr)]

    def chart(self, career) -> charts.Chart:
        return charts.percent_bars(
            [(link.skill.name, link.score) for link in career.hard_skills if link.score is not None]
        )

    def json_items(self, career, url) -> list[dict]:
        return [
            {
                **skill_json(link, url),
                "score": link.score,
                "keywords": link.keywords,
                "description": link.description,
            }
            for link in career.hard_skills
        ]

    def fake(self, draft) -> HardSkillsSection:
        return HardSkillsSection(
            **draft.words(self.label),
            skills=tuple(
                HardSkill(
                    draft.rng.randint(40, 98),
                    skill.name,
                    draft.keywords(),
                    description=draft.para(1),
                )
                for skill in draft.vocabulary(SkillKind.HARD)
            ),
        )
