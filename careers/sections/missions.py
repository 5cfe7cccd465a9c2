"""Missions: blocks of tasks, one per line (#MISSIONS).

The source gives blocks no titles; an admin may add one.
"""

from dataclasses import dataclass, field

from django.contrib import admin
from django.db.models import Prefetch

from core.admin import row_count
from core.opendata import LIST_JOINER

from ..models import Mission, MissionBlock, SectionKind
from ..textformat import Part, Reader, intro_and_note, never
from .base import ChildInline, ParentTable, Row, SectionSpec, Table


@dataclass(frozen=True)
class Task:
    text: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class MissionsSection(Part):
    kind = SectionKind.MISSIONS
    blocks: tuple[tuple[Task, ...], ...] = ()

    def item_statements(self):
        for block in self.blocks:
            yield from (task.text for task in block)


class MissionTable(Table):
    def insert_values(self, career_id, values, resolved) -> dict:
        block_position, position, text = values
        block = resolved.parents[MissionBlock, career_id, block_position]
        return {"block_id": block, "position": position, "text": text}


BLOCKS = ParentTable("blocs de missions", MissionBlock, ("position", "title"), searched=("title",))
MISSIONS = MissionTable(
    "missions",
    Mission,
    ("block__position", "position", "text"),
    searched=("text",),
    career_path="block__career",
)


class MissionBlockInline(ChildInline):
    model = MissionBlock
    fields = ["position", "title", "mission_count"]
    readonly_fields = ["mission_count"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mission_total=row_count(Mission, "block"))

    @admin.display(description="missions")
    def mission_count(self, block: MissionBlock) -> int:
        return getattr(block, "mission_total", 0)


class Missions(SectionSpec):
    kind = SectionKind.MISSIONS
    shown = 5
    item_names = ("mission", "missions")
    anchor = "missions"
    note_first = True
    markers = ("missions",)
    tables = (BLOCKS, MISSIONS)
    attr = "mission_blocks"
    csv_columns = (
        (
            "missions",
            lambda career: LIST_JOINER.join(
                mission.text for block in career.mission_blocks for mission in block.missions.all()
            ),
        ),
    )
    inlines = (MissionBlockInline,)

    def parse(self, reader: Reader, title: str) -> MissionsSection:
        heading, subheading = reader.opening(title, lambda line: line.is_bullet)
        intro, note = intro_and_note(reader.prose(never))
        blocks = []
        for paragraph in reader.paragraphs(lambda line: True):
            for line in paragraph:
                if line.is_prose:
                    raise reader.fail(
                        line,
                        f"une phrase parmi les tâches : {line.text[:60]!r}",
                        "des tâches, une par ligne, commençant par « • » ou « - », "
                        "ou sans ponctuation finale",
                    )
            blocks.append(tuple(Task(line.without_bullet(), line.number) for line in paragraph))
        if not blocks:
            raise reader.fail(
                None, "aucune tâche dans #MISSIONS", "des lignes de tâches commençant par « • »"
            )
        return MissionsSection(heading, subheading, intro, note, blocks=tuple(blocks))

    def rows(self, part: MissionsSection, source: str) -> dict[Table, list[Row]]:
        blocks, missions = [], []
        for block_position, block in enumerate(part.blocks):
            blocks.append(Row((block_position, ""), block[0].line))
            for position, task in enumerate(block):
                missions.append(Row((block_position, position, task.text), task.line))
        return {BLOCKS: blocks, MISSIONS: missions}

    def prefetches(self) -> list[Prefetch]:
        blocks = MissionBlock.objects.order_by("position").prefetch_related("missions")
        return [Prefetch("missionblock_set", blocks, "mission_blocks")]

    def json_items(self, career, url) -> list[dict]:
        return [
            {"title": block.title, "missions": [mission.text for mission in block.missions.all()]}
            for block in career.mission_blocks
        ]

    def fake(self, draft) -> MissionsSection:
        return MissionsSection(
            **draft.words(self.label),
            blocks=tuple(
                tuple(Task(draft.sentence()) for _ in range(draft.rng.randint(3, 5)))
                for _ in range(3)
            ),
        )
