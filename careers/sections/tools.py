"""Tools, by family (#OUTILS).

Gestion de la relation client (CRM)      the family
• HubSpot                                its tools, with or without bullets
Gestion de la relation client (CRM)      the family printed again closes the list
Ces outils permettent…                   then its description for this career
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from core.opendata import LIST_JOINER
from core.text import normalise
from skills.models import SkillKind

from ..models import CareerSkill, SectionKind, ToolGroup
from ..textformat import Part, Reader, intro_and_note, join_paragraphs, never
from .base import ChildInline, ParentTable, Row, SectionSpec, Table, skill_json
from .skills import CareerSkillInline, SkillLinkTable, link_row


@dataclass(frozen=True)
class Tool:
    name: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ToolFamilyBlock:
    name: str
    tools: tuple[Tool, ...]
    description: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ToolsSection(Part):
    kind = SectionKind.TOOLS
    families: tuple[ToolFamilyBlock, ...] = ()

    def item_statements(self):
        for family in self.families:
            yield family.name
            yield from (tool.name for tool in family.tools)
            yield family.description


class ToolGroupTable(ParentTable):
    def vocabulary(self, values: tuple):
        _position, family, _description = values
        return [("family", family)]

    def insert_values(self, career_id, values, resolved) -> dict:
        position, family, description = values
        return {
            "career_id": career_id,
            "position": position,
            "family_id": resolved.families[family].pk,
            "description": description,
        }


TOOL_GROUPS = ToolGroupTable(
    "familles d'outils",
    ToolGroup,
    ("position", "family__name", "description"),
    searched=("family__name", "description"),
)
TOOL_LINKS = SkillLinkTable("outils", SkillKind.TOOL)


class ToolGroupInline(ChildInline):
    model = ToolGroup
    fields = ["position", "family", "description"]
    autocomplete_fields = ["family"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("family")


class Tools(SectionSpec):
    kind = SectionKind.TOOLS
    family = "competences"
    shown = 2
    item_names = ("famille d'outils", "familles d'outils")
    anchor = "outils"
    note_first = True
    markers = ("outils",)
    tables = (TOOL_GROUPS, TOOL_LINKS)
    attr = "tool_groups"
    csv_columns = (
        (
            "tools",
            lambda career: LIST_JOINER.join(
                link.skill.name for group in career.tool_groups for link in group.ordered_tools
            ),
        ),
    )
    inlines = (CareerSkillInline, ToolGroupInline)

    def parse(self, reader: Reader, title: str) -> ToolsSection:
        heading, subheading = reader.opening(title, never)
        intro, note = intro_and_note(reader.prose(never))
        families = []
        seen_tools: set[str] = set()
        seen_families: set[str] = set()
        while (name := reader.peek()) is not None:
            if not name.is_label:
                raise reader.fail(
                    name, f"ligne inattendue {name.text[:60]!r}", "un nom de famille d'outils"
                )
            reader.take()
            tools = []
            while (line := reader.peek()) is not None and (line.is_bullet or line.is_label):
                if reader.lines[reader.index - 1].blank and not line.is_bullet:
                    break  # a plain line after a blank one starts the next family
                reader.take()
                if line.normal == name.normal:
                    break  # the family name printed again closes its list of tools
                tool = line.without_bullet()
                if normalise(tool) in seen_tools:
                    raise reader.fail(
                        line, f"outil {tool!r} en double", "chaque outil une seule fois"
                    )
                seen_tools.add(normalise(tool))
                tools.append(Tool(tool, line.number))
            if not tools:
                raise reader.fail(
                    line, f"famille d'outils {name.text!r} sans outil", "des lignes d'outils"
                )
            if name.normal in seen_families:
                raise reader.fail(
                    name,
                    f"famille d'outils {name.text!r} en double",
                    "chaque famille une seule fois",
                )
            seen_families.add(name.normal)
            description = join_paragraphs(reader.prose(never))
            families.append(ToolFamilyBlock(name.text, tuple(tools), description, name.number))
        if not families:
            raise reader.fail(
                None,
                "aucune famille d'outils dans #OUTILS",
                "un nom de famille puis des lignes d'outils",
            )
        return ToolsSection(heading, subheading, intro, note, families=tuple(families))

    def rows(self, part: ToolsSection, source: str) -> dict[Table, list[Row]]:
        groups, links = [], []
        for group_position, family in enumerate(part.families):
            groups.append(Row((group_position, family.name, family.description), family.line))
            for tool in family.tools:
                links.append(
                    link_row(
                        SkillKind.TOOL,
                        tool.name,
                        len(links),
                        tool.line,
                        group=group_position,
                        family=family.name,
                    )
                )
        return {TOOL_GROUPS: groups, TOOL_LINKS: links}

    def prefetches(self) -> list[Prefetch]:
        links = CareerSkill.objects.select_related("skill").order_by("position", "pk")
        groups = (
            ToolGroup.objects.select_related("family")
            .order_by("position")
            .prefetch_related(Prefetch("tools", links, "ordered_tools"))
        )
        return [Prefetch("toolgroup_set", groups, "tool_groups")]

    def json_items(self, career, url) -> list[dict]:
        return [
            {
                "family": group.family.name,
                "family_slug": group.family.slug,
                "tools": [skill_json(link, url) for link in group.ordered_tools],
                "description": group.description,
            }
            for group in career.tool_groups
        ]

    def fake(self, draft) -> ToolsSection:
        return ToolsSection(
            **draft.words(self.label),
            families=tuple(
                ToolFamilyBlock(
                    family.name, tuple(Tool(tool.name) for tool in tools), draft.para(1)
                )
                for family, tools in draft.tool_families()
            ),
        )
