"""Reading the RNCP export: fiches in order, plain text only, clear errors."""

import io
import re
import zipfile
from pathlib import Path

import pytest

from certifications.rncp_export import (
    RncpExportError,
    html_lines,
    list_items,
    open_export,
    read_fiches,
)

DATA = Path(__file__).parent / "data"


def fiches_of(name: str | Path) -> list:
    with open_export(DATA / name) as stream:
        return list(read_fiches(stream))


def test_reads_every_fiche_in_file_order():
    fiches = fiches_of("rncp-export.xml")
    assert [(f.code, f.level, f.active) for f in fiches] == [
        ("RNCP 14528", 7, True),
        ("RNCP 34567", 6, False),
        ("RNCP 40000", 5, True),
    ]
    assert [f.line for f in fiches] == [5, 57, 73]


def test_maps_the_fiche_fields():
    fiche = fiches_of("rncp-export.xml")[0]
    assert fiche.number == 14528
    assert fiche.title == "Manager des opérations logistiques internationales"
    assert fiche.level_label == "Niveau 7"
    assert fiche.certifying_bodies == ["PROMOTRANS"]
    assert fiche.rome_codes == [
        ("N1303", "Intervention technique d'exploitation logistique"),
        ("N1302", "Direction de site logistique"),
    ]
    assert fiche.nsf_codes == [("311", "Transports, manutention, magasinage")]
    first, second = fiche.blocs
    assert first.code == "RNCP14528BC01"
    assert first.competences == [
        "Définir, organiser et piloter les flux",
        "Intégrer le développement durable",
    ]
    assert (
        first.evaluation
        == "Études de cas. Pondération 40%\nExamen de fin de module\nPondération 60 %"
    )
    assert second.competences == [
        "Piloter l'évolution des compétences",
        "Appliquer la législation en vigueur",
    ]


def test_sections_come_in_the_page_order_with_the_source_words():
    sections = dict(fiches_of("rncp-export.xml")[0].sections)
    assert list(sections) == [
        "Activités visées",
        "Compétences ou capacités attestées",
        "Secteurs d'activité",
        "Types d'emplois accessibles",
        "Voies d'accès",
        "Statistiques",
        "Fiche active au RNCP",
    ]
    assert sections["Compétences ou capacités attestées"] == (
        "- Définir les flux\n- Manager les équipes"
    )
    assert sections["Voies d'accès"].splitlines()[:2] == [
        "Après un parcours de formation sous statut d'élève ou d'étudiant : Oui",
        "Composition du jury : Délivrance des titres : 9 personnes",
    ]
    assert "Par candidature individuelle : Non" in sections["Voies d'accès"]
    assert sections["Statistiques"] == (
        "- 2021 : certifiés : 50, taux d'insertion global à 6 mois (%) : 85"
    )


def test_a_silent_source_gives_no_section():
    fiche = fiches_of("rncp-export.xml")[2]
    assert fiche.blocs == [] and fiche.rome_codes == []
    assert fiche.sections == [("Fiche active au RNCP", "Oui")]


@pytest.mark.parametrize(
    "fragment",
    [
        '<ul><li>Un</li><li>Deux<script>alert("x")</script></li></ul>',
        "<p>Un</p><style>p{}</style><p>Deux</p>",
        "Un<br>Deux<br/>",
    ],
)
def test_html_becomes_plain_lines_without_markup(fragment):
    assert list_items(fragment) == ["Un", "Deux"]


def test_entities_are_decoded_and_tags_never_survive():
    lines = html_lines(
        "<p>Sant&eacute; &amp; s&#233;curit&eacute; &lt;b&gt;</p><img src=x onerror=y>"
    )
    assert lines == ["Santé & sécurité <b>"]
    assert html_lines("<script>document.write('<p>x</p>')</script>") == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("rncp-missing-number.xml", "fiche n°2 (ligne 57) : NUMERO_FICHE manquant."),
        ("rncp-bad-level.xml", "fiche n°2 (ligne 57), RNCP34567 : niveau « NIV9 » invalide"),
        ("rncp-truncated.xml", "XML illisible après la fiche n°2 (ligne 75"),
    ],
)
def test_broken_exports_name_the_fiche_and_the_line(name, message):
    with pytest.raises(RncpExportError, match=re.escape(message)):
        fiches_of(name)


def test_the_fiches_before_an_error_are_read_first():
    with open_export(DATA / "rncp-bad-level.xml") as stream:
        fiches = read_fiches(stream)
        assert next(fiches).number == 14528
        with pytest.raises(RncpExportError):
            next(fiches)


def test_a_zip_is_read_from_its_first_xml_member(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("LISEZMOI.txt", "Export RNCP")
        zipped.write(DATA / "rncp-export.xml", "export_fiches_RNCP_v4_1.xml")
    assert [f.number for f in fiches_of(archive)] == [14528, 34567, 40000]


def test_a_zip_without_xml_is_an_error(tmp_path):
    archive = tmp_path / "vide.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("LISEZMOI.txt", "rien")
    with pytest.raises(RncpExportError, match=r"aucun fichier \.xml"):
        fiches_of(archive)


def test_reads_a_stream_in_small_chunks(monkeypatch):
    monkeypatch.setattr("certifications.rncp_export.CHUNK_BYTES", 7)
    data = (DATA / "rncp-export.xml").read_bytes()
    assert len(list(read_fiches(io.BytesIO(data)))) == 3
