"""The vocabulary of a ROME 4.0 fiche: savoir-faire and savoir-être by enjeu, savoirs and
work contexts by category.

Each item is a row of the shared vocabulary (skills.Skill) of its own kind, found
by its ROME code OGR; the link (CareerSkill) says under which enjeu or category
the fiche puts it (SkillGroup) and whether it is at the heart of the job.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from core.opendata import LIST_JOINER
from skills.models import SkillKind

from ..models import CareerSkill, SectionKind, SkillGroup
from ..textformat import Part
from .base import ChildInline, ParentTable, Row, SectionSpec, Table, skill_json


@dataclass(frozen=True)
class GroupedItem:
    label: str
    code_ogr: str
    core: bool = False
    emerging: bool = False


@dataclass(frozen=True)
class ItemGroup:
    label: str
    items: tuple[GroupedItem, ...]


@dataclass(frozen=True)
class GroupedPart(Part):
    groups: tuple[ItemGroup, ...] = ()

    def item_statements(self):
        for group in self.groups:
            yield group.label
            yield from (item.label for item in group.items)


class GroupTable(ParentTable):
    """The enjeux or categories of one section kind."""

    def __init__(self, label: str, kind: str) -> None:
        super().__init__(
            label, SkillGroup, ("position", "label"), searched=("label",), where={"kind": kind}
        )
        self.kind = kind

    def insert_values(self, career_id, values, resolved) -> dict:
        position, label = values
        return {"career_id": career_id, "kind": self.kind, "position": position, "label": label}

    def parent_key(self, obj: SkillGroup):
        return (obj.kind, obj.position)


class GroupedLinkTable(Table):
    """The items of one section kind, under their group."""

    def __init__(self, label: str, kind: str, skill_kind: str) -> None:
        super().__init__(
            label,
            CareerSkill,
            (
                "skill__code_ogr",
                "skill__name",
                "position",
                "is_core",
                "is_emerging",
                "group__position",
            ),
            searched=("skill__name",),
            where={"skill__kind": skill_kind},
        )
        self.kind, self.skill_kind = kind, skill_kind

    def vocabulary(self, values: tuple):
        code, name, *_ = values
        return [("coded", self.skill_kind, code, name)]

    def insert_values(self, career_id, values, resolved) -> dict:
        code, _name, position, is_core, is_emerging, group = values
        return {
            "career_id": career_id,
            "skill_id": resolved.coded[code].pk,
            "position": position,
            "is_core": is_core,
            "is_emerging": is_emerging,
            "group_id": resolved.parents[SkillGroup, career_id, (self.kind, group)],
        }


class SkillGroupInline(ChildInline):
    model = SkillGroup
    fields = ["position", "kind", "label"]


class GroupedSkills(SectionSpec):
    """A ROME section of vocabulary items under enjeux or categories."""

    flavour = "rome"
    shown = 6
    skill_kind: str
    part: type[GroupedPart]  # the part of its kind
    group_label: str  # what its groups are called in an import report
    inlines = (SkillGroupInline,)

    def __init_subclass__(cls, **kwargs) -> None:
        """Its tables and CSV column follow from its kind, names and attribute."""
        super().__init_subclass__(**kwargs)
        cls.tables = (
            GroupTable(cls.group_label, cls.kind),
            GroupedLinkTable(cls.item_names[1], cls.kind, cls.skill_kind),
        )
        cls.csv_columns = ((cls.attr, lambda career, kind=cls.kind: item_names(career, kind)),)

    @property
    def groups(self) -> GroupTable:
        return self.tables[0]

    @property
    def links(self) -> GroupedLinkTable:
        return self.tables[1]

    def rows(self, part: GroupedPart, source: str) -> dict[Table, list[Row]]:
        groups, links = [], []
        for group_position, group in enumerate(part.groups):
            groups.append(Row((group_position, group.label), part.line))
            for item in group.items:
                values = (
                    item.code_ogr,
                    item.label,
                    len(links),
                    item.core,
                    item.emerging,
                    group_position,
                )
                links.append(Row(values, part.line))
        return {self.groups: groups, self.links: links}

    def prefetches(self) -> list[Prefetch]:
        # One query for the groups of the four kinds, one for their items: each kind
        # takes its own from `career.skill_groups` (careers.querysets.sheet_prefetches
        # keeps one of the four identical prefetches).
        links = CareerSkill.objects.select_related("skill").order_by("position")
        groups = SkillGroup.objects.order_by("kind", "position").prefetch_related(
            Prefetch("links", links, "items")
        )
        return [Prefetch("skillgroup_set", groups, "skill_groups")]

    def items(self, career) -> list:
        return [group for group in career.skill_groups if group.kind == self.kind]

    def json_items(self, career, url) -> list[dict]:
        return [
            {
                "label": group.label,
                "items": [
                    {
                        **skill_json(link, url),
                        "code_ogr": link.skill.code_ogr,
                        "core": link.is_core,
                        "emerging": link.is_emerging,
                    }
                    for link in group.items
                ],
            }
            for group in self.items(career)
        ]

    def fake(self, draft) -> GroupedPart:
        items = [
            GroupedItem(label, code, core=not index % 3, emerging=index % 3 == 1)
            for index, (code, label) in enumerate(draft.rome_items(self.skill_kind, 6))
        ]
        return self.part(
            self.label,
            intro=draft.para(1),
            groups=tuple(
                ItemGroup(f"Enjeu : {domain}", tuple(items[3 * index : 3 * index + 3]))
                for index, domain in enumerate(draft.domains(2))
            ),
        )


def item_names(career, kind: str) -> str:
    return LIST_JOINER.join(
        link.skill.name
        for group in career.skill_groups
        if group.kind == kind
        for link in group.items
    )


@dataclass(frozen=True)
class SavoirFairePart(GroupedPart):
    kind = SectionKind.SAVOIR_FAIRE


@dataclass(frozen=True)
class SavoirEtrePart(GroupedPart):
    kind = SectionKind.SAVOIR_ETRE


@dataclass(frozen=True)
class SavoirsPart(GroupedPart):
    kind = SectionKind.SAVOIRS


@dataclass(frozen=True)
class ContextsPart(GroupedPart):
    kind = SectionKind.CONTEXTS


class SavoirFaire(GroupedSkills):
    kind = SectionKind.SAVOIR_FAIRE
    family = "competences"
    item_names = ("savoir-faire", "savoir-faire")
    skill_kind = SkillKind.SAVOIR_FAIRE
    anchor = "savoir-faire"
    attr = "savoir_faire"
    group_label = "enjeux (savoir-faire)"
    part = SavoirFairePart


class SavoirEtre(GroupedSkills):
    kind = SectionKind.SAVOIR_ETRE
    family = "competences"
    item_names = ("savoir-être", "savoir-être")
    skill_kind = SkillKind.SAVOIR_ETRE
    anchor = "savoir-etre"
    attr = "savoir_etre"
    group_label = "enjeux (savoir-être)"
    part = SavoirEtrePart


class Savoirs(GroupedSkills):
    kind = SectionKind.SAVOIRS
    family = "competences"
    item_names = ("savoir", "savoirs")
    skill_kind = SkillKind.SAVOIR
    anchor = "savoirs"
    attr = "savoirs"
    group_label = "catégories de savoirs"
    part = SavoirsPart


class Contexts(GroupedSkills):
    kind = SectionKind.CONTEXTS
    family = "conditions"
    item_names = ("contexte de travail", "contextes de travail")
    skill_kind = SkillKind.CONTEXT
    anchor = "contextes"
    attr = "contexts"
    group_label = "catégories de contextes"
    part = ContextsPart
