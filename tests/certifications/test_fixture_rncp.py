"""The RNCP 14528 fixture (Manager des opérations logistiques internationales).

The lists below were copied item by item from
fixtures/sources/rncp-14528-manager-operations-logistiques-internationales.txt.
Each is first checked against that source, then against the fixture; finally
every fixture text must come from the source and every statement of the source
must reach the fixture.
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
)

NAME = "rncp-14528-manager-operations-logistiques-internationales"
FIXTURE = fixture_path(NAME)
SLUG = NAME

# Printed "Code RNCP : 14528"; stored in the form the other titles use.
CODE = "RNCP 14528"
LEVEL_LABEL = "I (Nomenclature de 1969) — 7 (Nomenclature Europe)"
NSF = [("311", "Transports, manutention, magasinage")]
ROME = [
    ("N1303", "Intervention technique d'exploitation logistique"),
    ("N1302", "Direction de site logistique"),
    ("M1707", "Stratégie commerciale"),
    ("M1102", "Direction des achats"),
    ("M1402", "Conseil en organisation et management d'entreprise"),
]
ACTIVITIES = [
    "Concevoir, élaborer et piloter la Supply Chain. Cette activité consiste à définir, "
    "organiser et piloter les flux en approvisionnement, en production et en distribution "
    "physique, intégrer le développement durable dans la supply chain, mettre en œuvre les "
    "impératifs dictés par la supply chain management, concevoir et mettre en œuvre une "
    "stratégie transport multimodal.",
    "Définir et piloter la mise en œuvre de la stratégie de Supply Chain Management",
    "Définir et manager les systèmes qualité et sécurité.",
    "Organiser les systèmes logistiques et les réseaux d’informations.",
    "Organiser et manager les ressources humaines",
    "Piloter et optimiser les flux financiers dans la mise en œuvre de la Supply Chain.",
]
ATTESTED = [
    "Définir, organiser et piloter les flux en approvisionnement, en production et en "
    "distribution physique",
    "Mettre en œuvre les impératifs des clients par l’application des principes du supply "
    "chain management",
    "Intégrer le développement durable dans la supply chain",
    "Manager par les processus/Maîtriser les différents aspects de l’externalisation "
    "logistique et intégrer la dimension internationale des marchés logistiques",
    "Participer à l’élaboration et à la mise en œuvre de la stratégie industrielle et commerciale",
    "Analyser les risques et gérer l’exception/Mettre en œuvre le TQC logistique et "
    "modélisation SCOR",
    "Concevoir et gérer la logistique physique et les systèmes d’informations",
    "Structurer et formaliser les flux d’information internes et externes",
    "Analyser, concevoir et organiser les structures de management.",
    "Mettre en œuvre les législations du travail au national et à l’international et "
    "management interculturel",
    "Déterminer les composantes du coût logistique et l’évaluer par rapport aux objectifs de "
    "niveau de service/",
    "Assurer un contrôle de gestion logistique",
    "Conduire une stratégie d’investissement à l’international",
]
# Titles as printed, "suplly-chain" and "Organiser et le manager" included.
BLOCS = [
    (1, "Concevoir et piloter les activités de la suplly-chain"),
    (2, "Organiser et le manager des ressources humaines en logistique"),
    (3, "Piloter et optimiser les mécanismes de gestion économique et financière"),
    (4, "Définir et manager des systèmes qualité et de sécurité"),
    (
        5,
        "Mettre en œuvre des stratégies efficientes et des démarches d’optimisation de la "
        "supply chain",
    ),
    (6, "Maîtriser les réseaux d’informations relatifs aux activités de la supply chain"),
]
BLOC_5_CAPACITIES = [
    "maîtriser les mécanismes d’externalisation en intégrant les risques qualitatifs et les "
    "niveaux de satisfaction client",
    "analyser les données et l’environnement pour participer à l’élaboration de stratégies "
    "adaptées",
    "manager les évolutions et les changements systémiques et normatives",
]
# Each marked "X" in the table; the fixture reads the mark as OUI.
ACCESS_ROUTES = [
    "Après un parcours de formation sous statut d'élève ou d'étudiant",
    "En contrat d'apprentissage",
    "Après un parcours de formation continue",
    "En contrat de professionnalisation",
    "Par candidature individuelle",
    "Par expérience dispositif VAE prévu en 2010",
]
OVERSEAS = ["Accessible en Nouvelle Calédonie", "Accessible en Polynésie Française"]
SECTION_HEADINGS = [
    "QUALITÉ DU(ES) SIGNATAIRE(S) DE LA CERTIFICATION",
    "Compétences ou capacités attestées",
    "Secteurs d'activité ou types d'emplois accessibles par le détenteur de ce diplôme, "
    "ce titre ou ce certificat",
    "Codes des fiches ROME les plus proches",
    "Descriptif des composantes de la certification",
    "Composantes de la certification",
    "Validité des composantes acquises",
    "CONDITIONS D'INSCRIPTION À LA CERTIFICATION",
    "COMPOSITION DES JURYS",
    *OVERSEAS,
    "Base légale",
    "Statistiques",
    "Autres sources d'information",
    "Lieu(x) de certification",
    "Lieu(x) de préparation à la certification déclarés par l'organisme certificateur",
    "Historique de la certification",
]
# What the fixture does not quote: the page's own titles, headings the
# document leaves empty, repeated table headers, bullets and table marks.
LEFT_OUT = {
    "Le Répertoire National des Certifications Professionnelles (RNCP) Résumé descriptif de "
    "la certification Code RNCP : 14528 Intitulé",
    "AUTORITÉ RESPONSABLE DE LA CERTIFICATION",
    "Niveau et/ou domaine d'activité",
    "Convention(s) : Code(s) NSF :",
    "Formacode(s) : Résumé du référentiel d'emploi ou éléments de compétence acquis",
    "Modalités d'accès à cette certification",
    "Bloc de compétence : INTITULÉ DESCRIPTIF ET MODALITÉS D'ÉVALUATION",
    "INTITULÉ DESCRIPTIF ET MODALITÉS D'ÉVALUATION",
    "de la fiche n° 14528 -",
    "Descriptif :",
    "X LIENS AVEC D'AUTRES CERTIFICATIONS ACCORDS EUROPÉENS OU INTERNATIONAUX",
    "Référence du décret général :",
    "Référence du décret et/ou arrêté VAE :",
    "Pour plus d'informations",
    "NON",
    "X",
    ": -",
    "-",
    ":",
    "*",
    ".",
}


@pytest.fixture(scope="module")
def source() -> str:
    return source_text(NAME)


@pytest.fixture(scope="module")
def fixture() -> list[dict]:
    return load_fixture(NAME)


def sections(fixture: list[dict]) -> dict[str, str]:
    return {s["heading"]: s["body"] for s in rows(fixture, "certificationsection")}


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


# --- the lists are the source's -------------------------------------------------


def test_listed_codes_are_the_source_s(source):
    assert "Code RNCP : 14528" in source
    assert comparable(f"Code(s) NSF : {NSF[0][0]} {NSF[0][1]} Formacode(s)") in source
    assert "I (Nomenclature de 1969) 7 (Nomenclature Europe)" in source
    # Printed twice: as the list, then as the pole-emploi addresses.
    assert re.findall(r"\b[A-N]\d{4}\b", source) == [code for code, _ in ROME] * 2
    listed = " ".join(f"{code} : {label}" for code, label in ROME)
    assert comparable(f"les plus proches : {listed} Modalités d'accès") in source


def test_listed_blocs_are_every_bloc_of_the_source(source):
    assert re.findall(r"Bloc de compétence n°(\d)", source) == [str(n) for n, _ in BLOCS]
    for number, title in BLOCS:
        printed = f"Bloc de compétence n°{number} de la fiche n° 14528 - {title} Descriptif :"
        assert comparable(printed) in source


def test_listed_lists_are_complete_in_the_source(source):
    """Each list is one run of the source, from its heading to the next one."""
    activities = " ".join(ACTIVITIES)
    assert comparable(f"les activités suivantes : {activities} Compétences ou") in source
    assert comparable(f"attestées : {bullets(ATTESTED)} Secteurs d'activité") in source
    capacities = bullets(BLOC_5_CAPACITIES)
    assert comparable(f"sont les suivantes : {capacities} Modalités d’évaluation") in source
    for route in ACCESS_ROUTES:
        assert comparable(f"{route} X") in source
    for place in OVERSEAS:
        assert comparable(f"{place} X") in source


# --- the fixture holds the lists ---------------------------------------------


def test_certification_says_what_the_document_states(fixture):
    [certification] = rows(fixture, "certification")
    assert certification["kind"] == "rncp"
    assert certification["code"] == CODE
    assert certification["slug"] == SLUG
    assert certification["title"] == "Manager des opérations logistiques internationales"
    assert certification["alternative_title"] == ""
    assert certification["level"] == 7
    assert certification["level_label"] == LEVEL_LABEL
    assert certification["certifying_body"] == "PROMOTRANS"
    # www.promotrans.fr is the certifier's site, not the title's page: a section.
    assert certification["official_url"] == ""
    assert certification["nsf_codes"] == [[code] for code, _ in NSF]
    paragraphs = certification["summary"].split("\n\n")
    assert paragraphs[0].startswith("Le Manager des opérations logistiques internationales")
    assert paragraphs[1:] == ACTIVITIES


def test_fixture_has_every_code_in_order(fixture):
    assert [(n["code"], n["label"]) for n in rows(fixture, "nsfcode")] == NSF
    assert [(r["code"], r["label"]) for r in rows(fixture, "romecode")] == ROME
    assert [
        (r["certification"], r["position"], r["rome_code"], r["label"])
        for r in rows(fixture, "certificationrome")
    ] == [([SLUG], n, [code], label) for n, (code, label) in enumerate(ROME, 1)]
    addresses = sections(fixture)["Codes des fiches ROME les plus proches"]
    assert addresses.split("\n") == [
        f"http://recrutement.pole-emploi.fr/fichesrome/ficherome?codeRome={code}"
        for code, _ in ROME
    ]


def test_fixture_has_every_bloc_in_order(fixture):
    components = rows(fixture, "component")
    assert [(c["position"], c["label"], c["title"]) for c in components] == [
        (n, f"Bloc de compétence n°{n}", title) for n, title in BLOCS
    ]
    for number, component in enumerate(components, 1):
        evaluation = component["evaluation"]
        assert evaluation.startswith("Modalités d’évaluation par des contrôles continus")
        assert "Pondération 40%" in evaluation
        assert "Pondération 60%" in evaluation
        assert "\nVAE : validation du bloc" in evaluation
        assert "\nAttestation :\n" in evaluation
        assert re.search(rf"à l’issue de la validation du {number}(er|ème) bloc", evaluation)
    assert components[4]["description"].endswith("Les capacités attestées sont les suivantes :")


def test_bloc_5_capacities_are_its_competences(fixture):
    competences = rows(fixture, "competence")
    assert [
        (c["component"], c["position"], c["kind"], c["code"], c["text"], c["parent"])
        for c in competences
    ] == [([SLUG, 5], n, "skill", "", text, None) for n, text in enumerate(BLOC_5_CAPACITIES, 1)]


def test_fixture_has_every_section_in_order(fixture):
    headings = [(s["position"], s["heading"]) for s in rows(fixture, "certificationsection")]
    assert headings == list(enumerate(SECTION_HEADINGS, 1))
    body = sections(fixture)
    assert body["QUALITÉ DU(ES) SIGNATAIRE(S) DE LA CERTIFICATION"] == "Président"
    assert body["Compétences ou capacités attestées"] == bullets(ATTESTED)
    assert body["Composantes de la certification"].startswith(bullets(ACTIVITIES))
    assert body["Validité des composantes acquises"] == "illimitée"
    assert body["CONDITIONS D'INSCRIPTION À LA CERTIFICATION"] == "\n\n".join(
        f"{route}\nOUI" for route in ACCESS_ROUTES
    )
    juries = body["COMPOSITION DES JURYS"].split("\n\n")
    assert [jury.split("\n")[0] for jury in juries] == ACCESS_ROUTES[:4] + ACCESS_ROUTES[5:]
    assert all("Délivrance des titres : 9" in jury for jury in juries[:4])
    assert "Le jury VAE est composé de 9 personnes ainsi réparties" in juries[4]
    assert [body[place] for place in OVERSEAS] == ["OUI", "OUI"]
    assert body["Base légale"].count("Arrêté du ") == 2
    assert body["Statistiques"] == "50 diplômés par an.\nTaux de réussite de 85%"
    assert body["Autres sources d'information"] == "www.promotrans.fr"
    assert body["Lieu(x) de certification"].endswith(
        "Groupe Promotrans\n12 rue Cabanis\n75014 Paris"
    )


def test_natural_keys_only_and_references_first(fixture):
    assert all("pk" not in obj for obj in fixture)
    models = [obj["model"].split(".")[1] for obj in fixture]
    order = ["nsfcode", "romecode", "certification", "certificationrome", "component"]
    order += ["competence", "certificationsection"]
    assert models == sorted(models, key=order.index)


# --- faithfulness both ways ------------------------------------------------------


def test_every_fixture_text_comes_from_the_source(fixture, source):
    for text in fixture_quotes(fixture):
        if text == CODE:
            continue
        for part in quoted_parts(text):
            assert part in source, part


def test_apostrophes_are_the_printed_ones(fixture):
    """The document mixes ’ and ', which `comparable` unifies: check them as printed."""
    printed = single_spaced(seed_path(NAME).read_text(encoding="utf-8"))
    for text in fixture_quotes(fixture):
        if text == CODE:
            continue
        for piece in quoted_pieces(text):
            if "’" in piece or "'" in piece:
                assert single_spaced(piece) in printed, piece


def test_no_pdf_artefact_is_left(fixture):
    for text in fixture_quotes(fixture):
        assert "INTITULÉ DESCRIPTIF" not in text
        assert "de la fiche n°" not in text
        assert not re.search(r"[·*\t]| {2}| $|(^|\n)(X |\. |- *($|\n))", text), text


def test_nothing_of_the_source_is_left_out(fixture, source):
    assert unquoted_pieces(source, fixture, skip={CODE}) <= LEFT_OUT


# --- loading -------------------------------------------------------------------


@pytest.mark.django_db
def test_fixture_loads_twice_without_duplicates():
    call_command("loaddata", str(FIXTURE), verbosity=0)
    call_command("loaddata", str(FIXTURE), verbosity=0)

    certification = Certification.objects.get(slug=SLUG)
    assert Certification.objects.count() == 1
    assert (certification.kind, certification.code, certification.level) == ("rncp", CODE, 7)
    assert list(certification.nsf_codes.values_list("code", "label")) == NSF
    assert NsfCode.objects.count() == len(NSF)
    assert RomeCode.objects.count() == CertificationRome.objects.count() == len(ROME)
    assert [(r.rome_code.code, r.label) for r in certification.certificationrome_set.all()] == ROME
    assert Component.objects.count() == len(BLOCS)
    assert list(certification.component_set.values_list("title", flat=True)) == [
        title for _, title in BLOCS
    ]
    assert Competence.objects.count() == len(BLOC_5_CAPACITIES)
    bloc_5 = certification.component_set.get(position=5)
    assert list(bloc_5.competences.values_list("text", flat=True)) == BLOC_5_CAPACITIES
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
    assert list(Certification.objects.search("operations logistiques")) == [certification]
    assert list(Certification.objects.search("rncp 14528")) == [certification]
