"""The registry of section kinds: each kind, declared once, reaches every reader.

Walking `careers.sections.SPECS`, every kind must be written by the importer,
shown on the page under its anchor, carried by the JSON twin and read by search,
with nothing but its spec, its model and its template: a new kind added to the
registry is checked here without touching this file.
"""

from pathlib import Path

import pytest
from django.conf import settings

from careers.jobsheet import JobSheet
from careers.models import Career, SectionKind
from careers.rows import held_rows
from careers.sections import BY_KIND, SPECS, TABLES
from careers.services import import_jobsheet
from careers.synthetic import Draft, ensure_vocabulary
from core.text import normalise
from tests.pages import text_of

pytestmark = pytest.mark.django_db


def test_each_kind_has_one_spec_in_page_order():
    assert [spec.kind for spec in SPECS] == list(SectionKind.values)
    assert len({spec.anchor for spec in SPECS}) == len(SPECS)
    assert set(BY_KIND) == set(SectionKind.values)


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind)
def test_each_kind_has_its_template(spec):
    assert (Path(settings.BASE_DIR) / "templates" / spec.template).is_file()


def test_each_table_belongs_to_one_kind():
    owners = [table for spec in SPECS for table in spec.tables]
    assert len(owners) == len(set(owners))
    assert set(owners) < set(TABLES)


@pytest.fixture
def imported():
    """A sheet with every kind, drawn by each spec (a text-format sheet's and a ROME
    fiche's), imported like a parsed file."""
    vocabulary = ensure_vocabulary()
    parts = [*Draft(1, 0, vocabulary).parts(), *Draft(2, 0, vocabulary, "rome").parts()]
    sheet = JobSheet(
        "toutes-rubriques.txt", "Métier témoin", "Résumé témoin.", parts[0], tuple(parts[1:])
    )
    import_jobsheet(sheet=sheet)
    return Career.objects.get(title="Métier témoin"), {part.kind: part for part in parts}


def searched_text(spec, held) -> str:
    """A text of this kind that search must read: its first row's, else its section's words."""
    for table in spec.tables:
        for values in held[table]:
            texts = [text for text in table.search_texts(values) if text]
            if texts:
                return texts[0]
    return ""


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind)
def test_every_kind_reaches_the_import_the_page_the_json_and_search(client, imported, spec):
    career, parts = imported
    held = held_rows([career.pk])[career.pk]
    for table in spec.tables:
        assert held[table], f"{table.label}: nothing imported"
    words = parts[spec.kind]

    page = client.get(career.get_absolute_url())
    html = page.content.decode()
    assert f'id="{spec.anchor}"' in html
    assert words.heading in text_of(page)
    item = searched_text(spec, held)
    assert " ".join(item.split()) in text_of(page)

    twin = client.get(f"/metiers/{career.slug}.json").json()
    [section] = [section for section in twin["sections"] if section["kind"] == spec.kind]
    assert section["title"] == words.heading
    assert bool(section["items"]) == bool(spec.tables)

    career.refresh_from_db()
    text = searched_text(spec, held) or words.intro
    assert normalise(text) in career.search_text
