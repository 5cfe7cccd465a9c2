"""What a section kind declares, and the tables its rows go to.

A `SectionSpec` says everything about one kind of job-sheet section: how the
text format prints it, which rows it becomes, how the page, the JSON twin, the
CSV download, the search text, the admin and the synthetic generator read it.
The importer, the page and the API loop over the registry (careers.sections);
none of them names a kind.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from django.contrib import admin
from django.db import models

from careers.textformat import Part, Reader


@dataclass(frozen=True)
class Row:
    values: tuple
    line: int  # where the source says it, for error messages


@dataclass(frozen=True)
class Resolved:
    """What rows point at, found or created before they are written."""

    skills: dict  # (kind, name) → Skill
    coded: dict  # ROME code OGR → Skill
    families: dict  # name → ToolFamily
    parents: dict  # (model, career id, parent_key) → primary key


class Table:
    """One kind of child row of a career, described by the fields that say what it holds.

    `fields` are paths as `values_list()` reads them: the importer compares the
    rows a sheet asks for with the rows the database holds in this very shape,
    and the search text is built from the `searched` fields of either. Fields
    that cross a relation (`skill__name`) are resolved by `insert_values`.
    """

    def __init__(
        self,
        label: str,
        model: type[models.Model],
        fields: tuple[str, ...],
        *,
        searched: tuple[str, ...] = (),
        career_path: str = "career",
        where: dict | None = None,
    ) -> None:
        self.label = label
        self.model = model
        self.fields = fields
        self.searched = tuple(fields.index(name) for name in searched)
        self.career_path = career_path
        self.where = where or {}

    def __repr__(self) -> str:
        return f"<Table {self.label}>"

    def held(self, career_ids: Iterable[int]) -> dict[int, list[tuple]]:
        """The rows the database holds for these careers, in this table's shape: one query."""
        held: dict[int, list[tuple]] = {pk: [] for pk in career_ids}
        rows = (
            self.model.objects.filter(**{f"{self.career_path}__in": list(held)}, **self.where)
            .order_by(self.career_path, *self.fields)
            .values_list(self.career_path, *self.fields)
        )
        for career_id, *values in rows:
            held[career_id].append(tuple(values))
        return held

    def search_texts(self, values: tuple) -> Iterable[str]:
        return (values[index] for index in self.searched)

    def vocabulary(self, values: tuple) -> Iterable[tuple]:
        """What this row names in the shared vocabulary: ("skill", kind, name), ("family",
        name), ("coded", kind, code OGR, name)."""
        return ()

    def insert_values(self, career_id: int, values: tuple, resolved: Resolved) -> dict:
        """The row's column values by field name, relations resolved."""
        return {"career_id": career_id, **dict(zip(self.fields, values, strict=True))}

    # Set on tables whose rows other rows point at: written first, their keys remembered.
    is_parent: ClassVar[bool] = False

    def parent_key(self, obj: models.Model):
        """How rows pointing at `obj` name it, within its career."""
        return obj.position


class ParentTable(Table):
    is_parent = True


class SectionSpec:
    """One kind of job-sheet section, declared once.

    A subclass sets the class attributes and overrides what its kind needs;
    careers.sections lists one instance of each, in the order a sheet without
    section rows (made in the admin) shows them.
    """

    kind: ClassVar[str]
    anchor: ClassVar[str]
    # The source prints the section's closing note before its items.
    note_first: ClassVar[bool] = False
    # "#MISSIONS" and the like, as `section_key` reads them; none for parts printed
    # inside another section or outside the "#" sections.
    markers: ClassVar[tuple[str, ...]] = ()
    # Where its rows go, parents first.
    tables: ClassVar[tuple[Table, ...]] = ()
    # The career attribute holding its items, as `prefetches()` loads them.
    attr: ClassVar[str] = ""
    # CSV download columns: (name, value of a career loaded with its sheet).
    csv_columns: ClassVar[tuple[tuple[str, Callable], ...]] = ()
    # Its admin inlines on the career's page.
    inlines: ClassVar[tuple[type[admin.options.InlineModelAdmin], ...]] = ()
    # Which sheets carry it: the text format's ("sheet") or a ROME fiche ("rome").
    flavour: ClassVar[str] = "sheet"
    # Its family on the page (one colour and icon each, see templates/includes/icon.html):
    # profil, metier, competences, formation, conditions, salaire, questions.
    family: ClassVar[str] = "metier"
    # A long section opens on its first `shown` items, the rest one tap away behind
    # "Voir les N autres …", named by `item_names` (one, several); None shows all.
    shown: ClassVar[int | None] = None
    item_names: ClassVar[tuple[str, str]] = ("élément", "éléments")

    @property
    def label(self) -> str:
        from careers.models import SectionKind

        return SectionKind(self.kind).label

    @property
    def template(self) -> str:
        return f"careers/includes/section_{self.kind}.html"

    # --- Reading the text format and writing rows ------------------------------------------

    def parse(self, reader: Reader, title: str) -> Part:
        raise NotImplementedError(f"{type(self).__name__} reads no text section")

    def rows(self, part: Part, source: str) -> dict[Table, list[Row]]:
        """The rows of this part's items, by table (the section's own row is written apart).

        `source` names the file in errors."""
        return {}

    # --- Reading a career loaded with its sheet ------------------------------------------

    def prefetches(self) -> list[models.Prefetch]:
        return []

    def items(self, career) -> list:
        return list(getattr(career, self.attr)) if self.attr else []

    def chart(self, career):
        """Its chart's geometry (core.charts), if it draws one."""
        return None

    def json_items(self, career, url: Callable[[str], str]) -> list[dict]:
        """Its items in the JSON twin; `url` makes a path absolute."""
        return []

    # --- Synthetic sheets ------------------------------------------------------------------

    def fake(self, draft) -> Part | None:
        """A part drawn for a synthetic sheet (careers.synthetic.Draft), or None."""
        return None


def skill_json(link, url: Callable[[str], str]) -> dict:
    return {
        "slug": link.skill.slug,
        "name": link.skill.name,
        "url": url(link.skill.get_absolute_url()),
    }


class ChildInline(admin.TabularInline):
    extra = 0
    ordering = ["position"]

    def get_queryset(self, request):
        # Each row's __str__ names its career: fetch it with the row.
        return super().get_queryset(request).select_related("career")


class StackedChildInline(admin.StackedInline):
    extra = 0
    ordering = ["position"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("career")
