"""A career's child rows as plain tuples, in the shapes its tables declare.

What a sheet asks for (`planned_rows`), what the database holds (`held_rows`),
writing the one in place of the other (`write_rows`, `remove_rows`), and the
search text, built from either (`search_text`): importers, the admin and the
synthetic generator all go through here, for any number of careers at once.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection, models
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone

from core import cache
from core.text import normalise
from skills.vocabulary import families_named, skills_coded, skills_named

from .models import Career
from .sections import BY_KIND, SECTIONS, TABLES, Row, Table
from .sections.base import Resolved
from .textformat import JobSheetError, Part

Plan = dict[Table, list[Row]]
Held = dict[Table, list[tuple]]


def planned_rows(parts: Iterable[Part], *, source: str) -> Plan:
    """Every child row of a sheet's parts (in page order), by table, in the shapes of
    `Table.fields`. `source` names the file in errors."""
    rows: Plan = {table: [] for table in TABLES}
    for part in parts:
        position = len(rows[SECTIONS])
        words = (position, str(part.kind), part.heading, part.subheading, part.intro, part.note)
        rows[SECTIONS].append(Row(words, part.line))
        for table, table_rows in BY_KIND[part.kind].rows(part, source).items():
            rows[table].extend(table_rows)
    return rows


def held_rows(career_ids: Iterable[int]) -> dict[int, Held]:
    """What the database holds for these careers, table by table: one query a table."""
    ids = list(career_ids)
    held: dict[int, Held] = {pk: {} for pk in ids}
    for table in TABLES:
        for career_id, values in table.held(ids).items():
            held[career_id][table] = values
    return held


# --- Comparing -----------------------------------------------------------------------------


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


def changes(held: Held, wanted: Plan) -> tuple[SectionChange, ...]:
    return tuple(
        change for table in TABLES if (change := compare(table, held.get(table, []), wanted[table]))
    )


def model_field(model: type[models.Model], path: str) -> models.Field:
    *relations, name = path.split(LOOKUP_SEP)
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


# The most rows of one kind a sheet may have (positions are small integers on PostgreSQL),
# and the most text all its rows may hold (PostgreSQL's search vector has a size limit).
MAX_ROWS = 1_000
MAX_TEXT = 400_000


def check_limits(source: str, plan: Plan) -> None:
    """Refuse, before writing, what either database would refuse or choke on: too many rows
    of a kind, a text longer than its field, too much text in all. The same limits on
    SQLite and PostgreSQL; the error names the file and the line."""
    total = 0
    for table, rows in plan.items():
        if len(rows) > MAX_ROWS:
            raise JobSheetError(
                source,
                rows[MAX_ROWS].line,
                f"{table.label} : {len(rows)} éléments (attendu : {MAX_ROWS} au plus)",
            )
        for index, path in enumerate(table.fields):
            limit = model_field(table.model, path).max_length
            for row in rows:
                value = row.values[index]
                if not isinstance(value, str):
                    continue
                total += len(value)
                if limit and len(value) > limit:
                    raise JobSheetError(
                        source,
                        row.line,
                        f"{table.label} : {value[:40]!r}… compte {len(value)} caractères "
                        f"(attendu : {limit} au plus)",
                    )
    if total > MAX_TEXT:
        raise JobSheetError(
            source, 1, f"{total} caractères de texte en tout (attendu : {MAX_TEXT} au plus)"
        )


# --- Writing -------------------------------------------------------------------------------


def write_rows(batch: list[tuple[int, Plan]]) -> None:
    """Insert the planned rows of each (career id, plan): one insert per table for the batch.

    The vocabulary they name is found or created first; rows that other rows point
    at (mission blocks, tool groups) are inserted first and their keys remembered.
    Plain inserts send no signal: the catalogue's versions move here (core.cache).
    """
    cache.bump()
    needs = [
        need
        for _career_id, plan in batch
        for table, rows in plan.items()
        for row in rows
        for need in table.vocabulary(row.values)
    ]
    resolved = Resolved(
        skills=skills_named([need[1:] for need in needs if need[0] == "skill"]),
        coded=skills_coded([need[1:] for need in needs if need[0] == "coded"]),
        families=families_named([need[1] for need in needs if need[0] == "family"]),
        parents={},
    )
    for table in TABLES:
        values = [(career_id, row.values) for career_id, plan in batch for row in plan[table]]
        if not values:
            continue
        fields = [table.insert_values(career_id, row, resolved) for career_id, row in values]
        if table.is_parent:
            created = table.model.objects.bulk_create(table.model(**f) for f in fields)
            for obj in created:
                resolved.parents[table.model, obj.career_id, table.parent_key(obj)] = obj.pk
        else:
            insert_rows(table.model, fields)


# Enough rows a statement that per-statement work is paid once for many sheets, few enough
# that the statement and its parameters stay small (an import's memory does not grow).
ROWS_PER_INSERT = 1000


def insert_rows(model: type[models.Model], rows: list[dict]) -> None:
    """INSERT plain rows, as many a statement as the database takes.

    Several times cheaper than bulk_create for the ~70 leaf rows of a sheet: no
    model instances. One statement for many rows, not one per row (executemany): the
    database's triggers that run once a statement (careers.usage) see the batch at once.
    Unnamed fields take their default.
    """
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    defaults = {field.attname: field.get_default() for field in fields}
    quote = connection.ops.quote_name
    insert = "INSERT INTO {} ({}) VALUES ".format(
        quote(model._meta.db_table), ", ".join(quote(field.column) for field in fields)
    )
    placeholders = "({})".format(", ".join(["%s"] * len(fields)))
    size = min(connection.ops.bulk_batch_size(fields, rows), ROWS_PER_INSERT)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            params = [
                field.get_db_prep_value(row.get(field.attname, defaults[field.attname]), connection)
                for row in chunk
                for field in fields
            ]
            cursor.execute(insert + ", ".join([placeholders] * len(chunk)), params)


def remove_rows(career_ids: list[int]) -> None:
    """Delete the careers' child rows. The vocabulary they named stays: its pages keep
    their addresses, and another import may name it again."""
    for model in dict.fromkeys(table.model for table in reversed(TABLES)):
        path = next(table.career_path for table in TABLES if table.model is model)
        model.objects.filter(**{f"{path}__in": career_ids}).delete()


# --- Search ---------------------------------------------------------------------------------


# Sheets repeat texts (skill names, synthetic sentences): each is normalised once.
_normalised = lru_cache(maxsize=65_536)(normalise)


def search_text(title: str, summary: str, held: Held) -> str:
    """The lower-case, accent-free copy of every text of a sheet that search reads."""
    texts = [title, summary]
    for table in TABLES:
        for values in held.get(table, []):
            texts.extend(table.search_texts(values))
    return " ".join(normalised for text in texts if text and (normalised := _normalised(text)))


def refresh_search_text(career_ids: Iterable[int]) -> None:
    """Rebuild these careers' search copy from the rows the database holds.

    One builder for the importers, the admin and every other write: the search
    copy always says what the database holds. `updated_at` moves too: the
    sheet's content changed.
    """
    ids = set(career_ids)
    if not ids:
        return
    careers = list(Career.objects.filter(pk__in=ids).only("pk", "title", "summary"))
    held = held_rows(career.pk for career in careers)
    now = timezone.now()
    for career in careers:
        career.search_text = search_text(career.title, career.summary, held[career.pk])
        career.updated_at = now
    Career.objects.bulk_update(careers, ["search_text", "updated_at"], batch_size=500)
