"""The Titre professionnel ASSISTANT IMPORT-EXPORT fixture, checked against its source.

The lists below were copied item by item from
fixtures/sources/tp-00523-assistant-import-export.txt. Each is first checked
against that source, then against the fixture; finally every fixture text must
come from the source and every statement of the source must reach the fixture.
"""

import re

import pytest
from django.core.management import call_command

from certifications.models import (
    Certification,
    CertificationRome,
    CertificationSection,
    Competence,
    Component,
    NsfCode,
    RomeCode,
)
from core.text import normalise
from tests.certifications.sourcecheck import (
    comparable,
    fixture_path,
    fixture_quotes,
    load_fixture,
    quoted_parts,
    quoted_pieces,
    rows,
    seed_path,
    single_spaced,
    source_text,
    unquoted_pieces,
    without_artefacts,
)

NAME = "tp-00523-assistant-import-export"
FIXTURE = fixture_path(NAME)
SLUG = NAME

CODE = "TP-00523"
NSF = [("312 m", "")]
ROME = [
    ("D1401", "Assistanat commercial"),
    ("M1101", "Achats"),
    ("M1701", "Administration des ventes"),
]
CCPS = [
    (
        "ASSURER L'ADMINISTRATION DES VENTES OU DES ACHATS A L'INTERNATIONAL, Y COMPRIS EN ANGLAIS",
        [
            "Elaborer une offre à l'international et en assurer le suivi.",
            "Traiter les commandes à l'international.",
            "Gérer la relation client ou fournisseur à l'international.",
        ],
    ),
    (
        "ORGANISER, COORDONNER ET SUIVRE LES OPERATIONS LOGISTIQUES INTERNATIONALES, "
        "Y COMPRIS EN ANGLAIS",
        [
            "Choisir une solution logistique adaptée aux opérations internationales.",
            "Gérer la logistique de la chaîne d'expédition à l'international.",
            "Assurer le suivi des opérations de dédouanement.",
            "Traiter les litiges transport et logistique à l'international.",
        ],
    ),
    (
        "ASSURER L'ASSISTANAT COMMERCIAL A L'INTERNATIONAL, Y COMPRIS EN ANGLAIS",
        [
            "Rechercher, analyser et synthétiser des informations pour assurer la veille "
            "commerciale à l'international.",
            "Prospecter et promouvoir l'image de l'entreprise à l'international.",
            "Contribuer à l'optimisation des achats et au développement des ventes à "
            "l'international.",
            "Elaborer et actualiser des tableaux de bord commerciaux.",
        ],
    ),
]
SECTION_HEADINGS = [
    "référence du titre",
    "Information source",
    "Note 1",
    "MODALITES D’OBTENTION DU TITRE PROFESSIONNEL",
    "MODALITES D’OBTENTION D’UN CERTIFICAT COMPLEMENTAIRE DE SPECIALISATION (CCS)",
    "PARCHEMIN ET LIVRET DE CERTIFICATION",
    "Note 2",
]
# The document's two footnotes: their calls (digits glued to the words) are
# removed, so their sections are named by number, words the source does not print.
FOOTNOTE_HEADINGS = {"Note 1", "Note 2"}
FOOTNOTE_CALLS = {"IMPORT-EXPORT1": "IMPORT-EXPORT"}
# What the fixture does not quote: the page header (the kind and the
# certifying body say it), the ROME line's lead-in (its codes are
# CertificationRome rows), "CCP -" prefixes, "o" bullets, footnote numbers.
LEFT_OUT = {
    "TITRE PROFESSIONNEL DU MINISTERE CHARGE DE L'EMPLOI",
    "Emploi métier de rattachement suivant la nomenclature du ROME : Codes",
    "Code",
    "CCP",
    "-",
    ":",
    ";",
    "o",
    "1",
    "2",
}


@pytest.fixture(scope="module")
def source() -> str:
    return source_text(NAME)


@pytest.fixture(scope="module")
def fixture() -> list[dict]:
    return load_fixture(NAME)


# --- the lists are the source's -------------------------------------------------


def test_listed_codes_are_the_source_s(source):
    assert f"Code {CODE}" in source
    assert "niveau 5 (code NSF : 312 m)" in source
    assert re.findall(r"\b[A-N]\d{4}\b", source) == [code for code, _ in ROME]
    printed = " ; ".join(f"{code}-{label}" for code, label in ROME)
    assert f"nomenclature du ROME : Codes {printed}" in source


def test_listed_ccps_are_every_ccp_and_competence_of_the_source(source):
    assert source.count("CCP - ") == len(CCPS) == 3
    # One run, nothing between: the lists are complete and in order.
    blocks = " ".join(f"CCP - {title} {' '.join(skills)}" for title, skills in CCPS)
    assert comparable(f"{blocks} référence du titre") in source


# --- the fixture holds the lists ---------------------------------------------


def test_certification_says_what_the_document_states(fixture):
    [certification] = rows(fixture, "certification")
    assert certification["kind"] == "tp"
    assert certification["code"] == CODE
    assert certification["slug"] == SLUG
    assert certification["title"] == "ASSISTANT IMPORT-EXPORT"
    assert certification["alternative_title"] == ""
    assert certification["level"] == 5
    assert certification["level_label"] == "niveau 5"
    assert certification["certifying_body"] == "ministère chargé de l’emploi"
    # The document gives no address for the title itself.
    assert certification["official_url"] == ""
    assert certification["nsf_codes"] == [[code] for code, _ in NSF]
    paragraphs = certification["summary"].split("\n\n")
    assert len(paragraphs) == 12
    assert paragraphs[0].startswith("Le titre professionnel d’ASSISTANT IMPORT-EXPORT niveau 5")
    assert paragraphs[-1].endswith("sont des dimensions essentielles de son métier.")


def test_fixture_has_every_code_in_order(fixture):
    assert [(n["code"], n["label"]) for n in rows(fixture, "nsfcode")] == NSF
    assert [(r["code"], r["label"]) for r in rows(fixture, "romecode")] == ROME
    assert [
        (r["certification"], r["position"], r["rome_code"], r["label"])
        for r in rows(fixture, "certificationrome")
    ] == [([SLUG], n, [code], label) for n, (code, label) in enumerate(ROME, 1)]


def test_fixture_has_every_ccp_and_competence_in_order(fixture):
    components = rows(fixture, "component")
    competences = rows(fixture, "competence")
    assert [(c["position"], c["label"], c["title"]) for c in components] == [
        (n, "CCP", title) for n, (title, _) in enumerate(CCPS, 1)
    ]
    for position, (_, skills) in enumerate(CCPS, 1):
        own = [c for c in competences if c["component"] == [SLUG, position]]
        assert [(c["position"], c["kind"], c["code"], c["text"], c["parent"]) for c in own] == [
            (n, "skill", "", text, None) for n, text in enumerate(skills, 1)
        ]
    assert len(competences) == 11


def test_fixture_has_every_section_in_order(fixture):
    sections = rows(fixture, "certificationsection")
    assert [(s["position"], s["heading"]) for s in sections] == list(enumerate(SECTION_HEADINGS, 1))
    body = {s["heading"]: s["body"] for s in sections}
    assert body["référence du titre"] == "ASSISTANT IMPORT-EXPORT"
    assert body["Note 1"].startswith("ce titre a été créé par arrêté du 24 décembre 2003")
    modalites = body["MODALITES D’OBTENTION DU TITRE PROFESSIONNEL"]
    for route in (
        "1 – Pour un candidat issu d’un parcours continu de formation",
        "2 – Pour un candidat à la VAE",
        "3 – Pour un candidat issu d’un parcours discontinu de formation",
    ):
        assert f"\n\n{route}\n" in f"\n\n{modalites}"
    assert modalites.count("\n- ") == 9
    assert body["Note 2"].count("\n- ") == 3


def test_natural_keys_only_and_references_first(fixture):
    assert all("pk" not in obj for obj in fixture)
    models = [obj["model"].split(".")[1] for obj in fixture]
    order = ["nsfcode", "romecode", "certification", "certificationrome", "component"]
    order += ["competence", "certificationsection"]
    assert models == sorted(models, key=order.index)


# --- faithfulness both ways ------------------------------------------------------


def test_every_fixture_text_comes_from_the_source(fixture, source):
    printed = without_artefacts(source, FOOTNOTE_CALLS)
    for text in fixture_quotes(fixture):
        if text in FOOTNOTE_HEADINGS:
            continue
        for part in quoted_parts(text):
            assert part in printed, part


def test_apostrophes_are_the_printed_ones(fixture):
    """The document mixes ’ and ', which `comparable` unifies: check them as printed."""
    printed = without_artefacts(
        single_spaced(seed_path(NAME).read_text(encoding="utf-8")), FOOTNOTE_CALLS
    )
    for text in fixture_quotes(fixture):
        if text in FOOTNOTE_HEADINGS:
            continue
        for piece in quoted_pieces(text):
            if "’" in piece or "'" in piece:
                assert single_spaced(piece) in printed, piece


def test_no_pdf_artefact_is_left(fixture):
    for text in fixture_quotes(fixture):
        assert not re.search(r"IMPORT-EXPORT1|PROFESSIONNEL2|\(CCS\) 2|\t| {2}| $", text), text
        assert not re.search(r"(^|\n)(o |- *($|\n)|\d(?=[a-zA-Z]))", text), text


def test_nothing_of_the_source_is_left_out(fixture, source):
    printed = without_artefacts(source, FOOTNOTE_CALLS)
    assert unquoted_pieces(printed, fixture, skip=FOOTNOTE_HEADINGS) <= LEFT_OUT


# --- loading -------------------------------------------------------------------


@pytest.mark.django_db
def test_fixture_loads_twice_without_duplicates():
    call_command("loaddata", str(FIXTURE), verbosity=0)
    call_command("loaddata", str(FIXTURE), verbosity=0)

    certification = Certification.objects.get(slug=SLUG)
    assert Certification.objects.count() == 1
    assert (certification.kind, certification.code, certification.level) == ("tp", CODE, 5)
    assert list(certification.nsf_codes.values_list("code", "label")) == NSF
    assert NsfCode.objects.count() == len(NSF)
    assert RomeCode.objects.count() == CertificationRome.objects.count() == len(ROME)
    assert [(r.rome_code.code, r.label) for r in certification.certificationrome_set.all()] == ROME
    assert Component.objects.count() == len(CCPS)
    assert Competence.objects.count() == 11
    for component, (title, skills) in zip(certification.component_set.all(), CCPS, strict=True):
        assert component.title == title
        assert list(component.competences.values_list("text", flat=True)) == skills
    assert CertificationSection.objects.count() == len(SECTION_HEADINGS)
    assert (
        list(certification.certificationsection_set.values_list("heading", flat=True))
        == SECTION_HEADINGS
    )


@pytest.mark.django_db
def test_loaded_certification_is_found_by_search():
    call_command("loaddata", str(FIXTURE), verbosity=0)
    certification = Certification.objects.get(slug=SLUG)
    stored = certification.search_text
    certification.refresh_search_text()
    assert stored == certification.search_text == normalise(stored)
    assert list(Certification.objects.search("assistant import-export")) == [certification]
    assert list(Certification.objects.search("tp-00523")) == [certification]
