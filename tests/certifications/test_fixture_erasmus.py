"""The Erasmus+ standard's fixture, checked against the document it was written from.

The lists below were copied item by item from
fixtures/sources/erasmus-management-operationnel-commerce-international.txt.
Each is first checked against that source (all its codes, printed as listed),
then against the fixture; finally every fixture text must come from the source
and every statement of the source must reach the fixture.
"""

import re
from collections import Counter

import pytest
from django.core.management import call_command

from certifications.models import (
    Activity,
    ActivityTask,
    Certification,
    CertificationSection,
    Competence,
    Component,
)
from core.text import normalise
from tests.certifications.sourcecheck import (
    comparable,
    fixture_path,
    fixture_quotes,
    load_fixture,
    quoted_parts,
    rows,
    seed_path,
    source_text,
    unquoted_pieces,
)

NAME = "erasmus-management-operationnel-commerce-international"
FIXTURE = fixture_path(NAME)
SLUG = "management-operationnel-en-commerce-international"

# Competence codes as printed, oddities included: US4S2, U6S1-2, U7S3.3, U7K8.
COMPETENCE_CODE = re.compile(r"\bUS?\d[SK]\d+(?:[.-]\d+)?")
TASK_CODE = re.compile(r"\bA\dT\d\b")

SECTION_HEADINGS = [
    "Funded by the Erasmus+ Programme of the European Union",
    "2 Types d'organisations",
    "3 Poste et rôle",
    "3.1 Premiers emplois, primo insertion",
    "3.2 Emplois avec expérience",
    "4 Environnement et perspectives économiques, technologiques et sociaux",
    "Liens entre les activités et les unités de compétences",
    "Compétences transversales, autonomie et responsabilité",
]

UNITS = [
    ("Unité 1", "Exercer une veille commerciale sur les marchés étrangers"),
    ("Unité n°2", "Prospector"),
    ("Unité n° 3", "Vendre à l'international"),
    ("Unité n° 4", "Assurer le suivi des ventes"),
    ("Unité n°5", "Importer"),
    ("Unité n° 6", "Coordonner les services"),
    ("Unité n° 7", "Communiquer et gérer les relations dans des contextes interculturels"),
]

# Compétences of each unit, in order: (code, text, parent code).
SKILLS = {
    "Unité 1": [
        (
            "U1S1",
            "Trouver des informations nécessaires aux activités de commerce international",
            None,
        ),
        (
            "U1S1.1",
            "Concevoir, planifier et budgétiser le processus de recherche d’information",
            "U1S1",
        ),
        (
            "U1S1.2",
            "Sélectionner les contraintes commerciales et réglementaires sur les marchés étrangers",
            "U1S1",
        ),
        ("U1S1.3", "Formuler des exigences techniques pour les études de marché", "U1S1"),
        ("U1S2", "Préparer la décision", None),
        ("U1S2.1", "Surveiller les informations marketing sensibles.", "U1S2"),
        ("U1S2.2", "Préparer des rapports pour faciliter la prise de décision", "U1S2"),
    ],
    "Unité n°2": [
        ("U2S1", "Préparer la prospection", None),
        ("U2S1.1", "Répartir les tâches en fonction des ressources et des objectifs", "U2S1"),
        ("U2S1.2", "Sélectionner les sous-traitants", "U2S1"),
        ("U2S2", "Identifier les clients potentiels", None),
        ("U2S2.1", "Qualifier les clients potentiels", "U2S2"),
        ("U2S2.2", "Créer des contacts professionnels", "U2S2"),
        ("U2S2.3", "Respecter les règles commerciales et l’éthique des affaires", "U2S2"),
        ("U2S3", "Évaluer la prospection", None),
        ("U2S3.1", "Rendre compte des résultats de prospection", "U2S3"),
        ("U2S3.2", "Évaluer la prospection par rapport aux objectifs commerciaux", "U2S3"),
        ("U2S3.3", "Proposer des améliorations des procédures", "U2S3"),
    ],
    "Unité n° 3": [
        ("U3S1", "Préparer les contrats de vente internationaux", None),
        (
            "U3S1.1",
            "Identifier les règles et les usages en vigueur pour les accords internationaux ou "
            "les contrats de vente.",
            "U3S1",
        ),
        (
            "U3S1.2",
            "Sélectionner les types de contrats appropriés et les partenaires contractuels "
            "pertinents",
            "U3S1",
        ),
        ("U3S1.3", "Qualifier la stratégie de vente du client", "U3S1"),
        ("U3S1.4", "Préparer les contenus clés d'un contrat de vente international", "U3S1"),
        ("U3S2", "Sécuriser le contrat de vente international", None),
        ("U3S2.1", "Vérifier le financement du client", "U3S2"),
        ("U3S2.2", "Vérifier la trésorerie interne", "U3S2"),
        (
            "U3S2.3",
            "Sélectionner les outils administratifs et financiers pour sécuriser le contrat de "
            "vente international",
            "U3S2",
        ),
        (
            "U3S2.4",
            "Anticiper les problèmes liés à l'application du contrat et préparer des solutions",
            "U3S2",
        ),
        ("U3S3", "Participer à la négociation des contrats", None),
        ("U3S3.1", "Appliquer les techniques de négociation pour une vente directe", "U3S3"),
        (
            "U3S3.2",
            "Appliquer les techniques de négociation pour une distribution indirecte",
            "U3S3",
        ),
        ("U3S3.3", "Appliquer les techniques de négociation pour le e-commerce", "U3S3"),
    ],
    "Unité n° 4": [
        ("U4S1", "Préparer le suivi des ventes", None),
        ("U4S1.1", "Constituer une base de données internationale clients", "U4S1"),
        ("U4S1.2", "Sélectionner les indicateurs commerciaux", "U4S1"),
        ("U4S1.3", "Enregistrer les données de suivi des ventes", "U4S1"),
        ("U4S1.4", "Mettre à jour les contacts clients internationaux", "U4S1"),
        ("US4S2", "Enrichir l’interaction avec les clients", None),
        ("U4S2.1", "Assister les clients internationaux", "US4S2"),
        ("U4S2.2", "Personnaliser le service au client", "US4S2"),
        (
            "U4S2.3",
            "Suivre les commentaires et réactions des clients internationaux sur les réseaux "
            "sociaux",
            "US4S2",
        ),
        ("U4S2.4", "Promouvoir des relations durables avec les clients internationaux", "US4S2"),
        (
            "U4S2.5",
            "Étendre les relations commerciales à des ventes complémentaires et croisées",
            "US4S2",
        ),
    ],
    "Unité n°5": [
        ("U5S1", "Sélectionner des fournisseurs", None),
        ("U5S1.1", "Identifier les fournisseurs potentiels", "U5S1"),
        ("U5S1.2", "Etablir un appel d’offre", "U5S1"),
        ("U5S1.3", "Analyser les offres et préparer la sélection des fournisseurs", "U5S1"),
        ("U5S2", "Participer à la négociation achat", None),
        (
            "U5S2.1",
            "Elaborer des stratégies et utiliser des techniques pour la négociation achat",
            "U5S2",
        ),
        ("U5S2.2", "Organiser la négociation avec un fournisseur étranger", "U5S2"),
        ("U5S3", "Assurer le suivi des activités d’importation", None),
        ("U5S3.1", "Surveiller et contrôler le respect des contrats", "U5S3"),
        ("U5S3.2", "Appliquer des protocoles pour résoudre les situations de conflit", "U5S3"),
    ],
    "Unité n° 6": [
        ("U6S1", "Gérer les opérations internationales", None),
        ("U6S1.1", "Sélectionner des fournisseurs de services", "U6S1"),
        ("U6S1-2", "Coordonner et suivre les processus d’achat et de vente", "U6S1"),
        (
            "U6S1-3",
            "Assurer la gestion des relations de service avec différents partenaires",
            "U6S1",
        ),
    ],
    "Unité n° 7": [
        (
            "U7S1",
            "Communiquer en anglais et dans une autre langue étrangère en intégrant des éléments "
            "socioculturels",
            None,
        ),
        (
            "U7S1.1",
            "Sélectionner des informations relatives aux pratiques commerciales, sociales et "
            "culturelles",
            "U7S1",
        ),
        ("U7S1.2", "Intégrer les différences culturelles", "U7S1"),
        (
            "U7S1.3",
            "Produire des messages oraux professionnels visant à interagir avec des contacts de "
            "cultures différentes",
            "U7S1",
        ),
        (
            "U7S1.4",
            "Produire des documents écrits professionnels visant à interagir avec des contacts "
            "de cultures différentes",
            "U7S1",
        ),
        ("U7S2", "Mettre en œuvre, gérer et animer un réseau de contacts internationaux", None),
        (
            "U7S2.1",
            "Constituer une base de données multiculturelle et un réseau de contacts",
            "U7S2",
        ),
        (
            "U7S2.2",
            "Maintenir une base de données multiculturelle et un réseau de contacts",
            "U7S2",
        ),
        (
            "U7S3.3",
            "Animer un réseau de contacts professionnels dans un contexte multiculturel",
            "U7S2",
        ),
    ],
}

# Connaissances of each unit, in order: (code, text).
KNOWLEDGE = {
    "Unité 1": [
        ("U1S1", "Etudes de marché"),
        ("U1S2", "Tendances des échanges mondiaux"),
        ("U1S3", "Risques pays et notation"),
        ("U1S4", "Études sectorielles"),
        ("U1S5", "Environnement juridique et réglementaire international"),
        ("U1S6", "Règles éthiques et environnementales"),
        ("U1S7", "Méthodes d’analyse statistique"),
        ("U1S8", "Données et informations"),
        ("U1S9", "Système d’information d’entreprise et outils d’intelligence économique"),
        ("U1S10", "Sécurité des données et cybersécurité"),
    ],
    "Unité n°2": [
        ("U2S1", "Fonction de prospection"),
        ("U2S2", "Plan de prospection et budget"),
        ("U2S3", "Dispositif national d’aide aux entreprises exportatrices"),
        ("U2S4", "Critères de segmentation"),
        ("U2S5", "Outils de prospection internationale"),
        ("U2S6", "Foires, salons et événements internationaux"),
        ("U2S7", "Techniques internationales de communication et de promotion"),
        (
            "U2S8",
            "Outils numériques pour l’interaction avec les clients et la personnalisation de la "
            "relation client internationale",
        ),
        ("U2S9", "Suivi et évaluation de la prospection internationale"),
        ("U2S10", "Éthique et législation dans la fonction de prospection"),
    ],
    "Unité n° 3": [
        ("U3S1", "Contrats nationaux, européens et internationaux"),
        ("U3S2", "Incoterms"),
        ("U3S3", "Méthodes de financement des contrats internationaux"),
        ("U3S4", "Moyens de paiement internationaux"),
        ("U3S5", "KPI (Indicateurs clés de performance)"),
        ("U3S6", "Outils administratifs, d'assurance et de financement"),
        ("U3S7", "Documents de vente à l'international"),
        ("U3S8", "Stratégies et tactiques de négociation"),
    ],
    "Unité n° 4": [
        ("U4S1", "Indicateurs commerciaux"),
        ("U4S2", "Système d’information commerciale"),
        ("U4S3", "Techniques de contact avec les clients"),
        (
            "U4S4",
            "Intelligence artificielle pour gérer le suivi des relations avec les clients "
            "internationaux",
        ),
        ("U4S5", "Personnalisation de la relation client"),
        ("U4S6", "Relation client durable"),
        ("U4S7", "Ventes complémentaires et ventes croisées"),
    ],
    "Unité n°5": [
        ("U5S1", "Spécifications de l’offre d’achat"),
        ("U5S2", "Sourçage et approvisionnement"),
        ("U5S3", "Évaluation financière du fournisseur"),
        ("U5S4", "Place de marché, plateforme d’achat, enchères en ligne, e-sourcing"),
        ("U5S5", "Accords commerciaux internationaux et accords multilatéraux sur l’environnement"),
        ("U5S6", "Contrats d’achat"),
        ("U5S7", "Utilisation d’instruments de gestion des achats"),
        ("U5S8", "Évaluation de la performance des fournisseurs"),
        ("U5S9", "Système d’information fournisseur"),
    ],
    "Unité n° 6": [
        (
            "U6S1",
            "Objectifs de développement durable / Critères RSE (Responsabilité Sociale des "
            "Entreprises) et GES (Gouvernance Environnementale et Sociale)",
        ),
        ("U6S2", "Moyens de transport, conventions de transport international, règles de cotation"),
        ("U6S3", "Incoterms"),
        ("U6S4", "Moyens et techniques de paiement"),
        ("U6S5", "Douanes et documents douaniers"),
        ("U6S6", "Mécanismes de TVA intra-communautaire"),
        ("U6S7", "Gestion des risques"),
        ("U6S8", "Typologie des réclamations et des litiges"),
        ("U6S9", "Solutions pour traiter les réclamations et les litiges"),
        ("U6S10", "Outils et méthodes d’évaluation et de comparaison des offres"),
    ],
    "Unité n° 7": [
        (
            "U7S1",
            "Communication professionnelle orale et écrite dans la langue utilisée dans "
            "l’environnement de travail",
        ),
        (
            "U7S2",
            "Communication professionnelle orale et écrite en anglais, au niveau B2 du cadre "
            "européen commun de référence pour les langues",
        ),
        (
            "U7S3",
            "Communication professionnelle orale et écrite dans une autre langue étrangère, au "
            "niveau B2 du cadre européen commun de référence pour les langues",
        ),
        ("U7S4", "Techniques et modèles de communication dans un contexte multiculturel"),
        ("U7S5", "Types et styles de communication non verbale"),
        ("U7S6", "Codes et pratiques culturels (coutumes / habitudes / rituels)"),
        ("U7S7", "Gestion des relations interculturelles"),
        ("U7K8", "Nétiquette et protocole d’affaires"),
        (
            "U7S9",
            "Cadre juridique des relations individuelles et collectives de travail dans les pays "
            "cibles",
        ),
        ("U7S10", "Gestion des systèmes d’information"),
    ],
}

# (code, title, tasks, units it maps to in the link table).
ACTIVITIES = [
    (
        "Activité 1",
        "Etude des marchés pour le commerce international",
        [
            ("A1T1", "Veille commerciale permanente"),
            ("A1T2", "Collecte d'informations à l'étranger"),
            ("A1T3", "Préparation de la prise de décision"),
        ],
        ["Unité 1"],
    ),
    (
        "Activité 2",
        "Vente à l'exportation",
        [
            ("A2T1", "Prospection"),
            ("A2T2", "Participation à la négociation et à la vente"),
            ("A2T3", "Suivi des ventes"),
        ],
        ["Unité n°2", "Unité n° 3", "Unité n° 4"],
    ),
    (
        "Activité 3",
        "Achats à l'importation",
        [
            ("A3T1", "Préparation des activités d'importation (base de données fournisseurs)"),
            ("A3T2", "Participation aux négociations d'achat"),
            ("A3T3", "Suivi des activités d'achat à l'importation"),
        ],
        ["Unité n°5"],
    ),
    (
        "Activité 4",
        "Coordination des processus d'achat à l'importation et de vente à l'exportation",
        [
            ("A4T1", "Choisir des prestataires (assurance, logistique, financement...)"),
            ("A4T2", "Assurer le suivi administratif des opérations"),
        ],
        ["Unité n° 6"],
    ),
    (
        "Activité 5",
        "Gestion des relations professionnelles dans différentes cultures",
        [
            ("A5T1", "Communication dans un environnement interculturel dans une langue étrangère"),
            (
                "A5T2",
                "Mise en œuvre de la relation commerciale dans un environnement interculturel à "
                "l'intérieur et à l'extérieur de l'UE",
            ),
        ],
        ["Unité n° 7"],
    ),
]

# "Liens entre les activités et les unités de compétences", row by row as
# printed: its unit wording differs from the unit headings ("Prospecter").
LINK_TABLE = [
    (
        "Activité 1 : Etude des marchés pour le commerce international",
        ["Unité 1 : Exercer une veille commerciale sur marchés étrangers"],
    ),
    (
        "Activité 2 : Vente à l'exportation",
        [
            "Unité 2 : Prospecter",
            "Unité 3 : Vendre à l'international",
            "Unité 4 : Assurer le suivi des ventes",
        ],
    ),
    ("Activité 3 : Achats à l'importation", ["Unité 5 : Importer"]),
    (
        "Activité 4 : Coordination des processus d'achat à l'importation et de vente à "
        "l'exportation",
        ["Unité 6 : Coordonner les services"],
    ),
    (
        "Activités 5 : Gestion des relations professionnelles dans différentes cultures",
        ["Unité 7 : Communiquer et gérer les relations dans des contextes interculturels"],
    ),
]

# What the source says that is no fixture text: headings the models' fields
# stand for, the kind ("Standard professionnel"), garbled duplicates of the
# cover logos ("ESIT", "A Netinet P"), and code separators.
LEFT_OUT = {
    "**",
    "(",
    ")** Standard professionnel",
    "ESIT A Netinet P 1 Définition du métier",
    "5 Activités et tâches",
    "Contexte de travail et obligations professionnelles",
    "Informations nécessaires pour conduire l'activité Equipement requis pour conduire "
    "l'activité Contacts professionnels -",
    "Informations nécessaires pour conduire l'activité Equipment requis pour conduire "
    "l'activité Contacts professionnels -",
    "Résultats attendus",
    "6 Répertoire de compétences",
    "ACTIVITES UNITES DE COMPETENCES",
    "Compétences Connaissances",
    "-",
    "–",
    ":",
}


@pytest.fixture(scope="module")
def source() -> str:
    return source_text(NAME)


@pytest.fixture(scope="module")
def fixture() -> list[dict]:
    return load_fixture(NAME)


def unit_number(label: str) -> str:
    return re.search(r"\d+", label).group()


# --- the lists are the source's -------------------------------------------------


def test_listed_activities_and_tasks_are_every_one_of_the_source(source):
    listed = [code for _, _, tasks, _ in ACTIVITIES for code, _ in tasks]
    assert Counter(TASK_CODE.findall(source)) == Counter(listed)
    assert [code for code, *_ in ACTIVITIES] == [f"Activité {n}" for n in range(1, 6)]
    for code, title, tasks, _ in ACTIVITIES:
        assert comparable(f"{code} : {title}") in source
        for task_code, task_title in tasks:
            assert comparable(f"{task_code} {task_title}") in source


def test_listed_units_are_every_unit_heading_of_the_source(source):
    assert source.count("Compétences Connaissances") == len(UNITS) == 7
    for label, title in UNITS:
        assert comparable(f"{label} : {title} Compétences Connaissances") in source


def test_listed_competences_are_every_code_of_the_source(source):
    listed = [code for label, _ in UNITS for code, *_ in [*SKILLS[label], *KNOWLEDGE[label]]]
    assert Counter(COMPETENCE_CODE.findall(source)) == Counter(listed)
    assert {"US4S2", "U6S1-2", "U6S1-3", "U7S3.3", "U7K8"} <= set(listed)


def test_listed_competences_are_printed_so(source):
    for label, _ in UNITS:
        for code, text, *_ in [*SKILLS[label], *KNOWLEDGE[label]]:
            printed = re.escape(code) + r" ?[–-] ?" + re.escape(comparable(text))
            assert re.search(printed, source), (code, text)


def test_link_table_is_the_source_s(source):
    for activity, units in LINK_TABLE:
        assert comparable(" ".join([activity, *units])) in source
    listed = [[unit_number(label) for label in labels] for *_, labels in ACTIVITIES]
    assert listed == [[unit_number(unit) for unit in units] for _, units in LINK_TABLE]


# --- the fixture holds the lists ---------------------------------------------


def test_fixture_has_every_activity_and_task_in_order(fixture):
    activities = rows(fixture, "activity")
    tasks = rows(fixture, "activitytask")
    labels = {c["position"]: c["label"] for c in rows(fixture, "component")}
    assert [(a["position"], a["code"], a["title"]) for a in activities] == [
        (n, code, title) for n, (code, title, _, _) in enumerate(ACTIVITIES, 1)
    ]
    for activity, (_, _, listed_tasks, listed_units) in zip(activities, ACTIVITIES, strict=True):
        own = [t for t in tasks if t["activity"] == [SLUG, activity["position"]]]
        assert [(t["position"], t["code"], t["title"]) for t in own] == [
            (n, code, title) for n, (code, title) in enumerate(listed_tasks, 1)
        ]
        assert [labels[key[1]] for key in activity["units"]] == listed_units
    assert len(tasks) == 13


def test_fixture_has_every_unit_and_competence_in_order(fixture):
    components = rows(fixture, "component")
    competences = rows(fixture, "competence")
    assert [(c["position"], c["label"], c["title"]) for c in components] == [
        (n, label, title) for n, (label, title) in enumerate(UNITS, 1)
    ]
    for component in components:
        label = component["label"]
        own = [c for c in competences if c["component"] == [SLUG, component["position"]]]
        assert [c["position"] for c in own] == list(range(1, len(own) + 1))
        codes = {c["position"]: c["code"] for c in own}
        skills = [
            (c["code"], c["text"], codes[c["parent"][2]] if c["parent"] else None)
            for c in own
            if c["kind"] == "skill"
        ]
        knowledge = [(c["code"], c["text"]) for c in own if c["kind"] == "knowledge"]
        assert skills == SKILLS[label]
        assert knowledge == KNOWLEDGE[label]
        assert [c["kind"] for c in own] == (
            ["skill"] * len(skills) + ["knowledge"] * len(knowledge) + ["indicator"]
        )
        assert all(
            c["parent"] is None or c["parent"][:2] == [SLUG, component["position"]] for c in own
        )


def test_each_unit_has_its_performance_indicators(fixture, source):
    indicators = [c for c in rows(fixture, "competence") if c["kind"] == "indicator"]
    # Underlined as a cell heading; the plain words are also an Activité 3 item.
    printed = seed_path(NAME).read_text(encoding="utf-8").count("<u>Indicateurs de performance</u>")
    assert printed == len(indicators) == len(UNITS)
    for indicator in indicators:
        assert indicator["code"] == ""
        assert f"Indicateurs de performance {comparable(indicator['text'])}" in source


def test_certification_says_only_what_the_document_states(fixture):
    [certification] = rows(fixture, "certification")
    assert certification["kind"] == "erasmus"
    assert certification["code"] == ""
    assert certification["title"] == "Management Opérationnel en Commerce International"
    assert certification["alternative_title"] == "International Trade Operational Manager"
    assert certification["level"] is None
    assert certification["level_label"] == certification["certifying_body"] == ""
    assert certification["summary"].startswith("Le Manager Opérationnel en Commerce")
    assert [s["heading"] for s in rows(fixture, "certificationsection")] == SECTION_HEADINGS


# --- faithfulness both ways ------------------------------------------------------


def test_every_fixture_text_comes_from_the_source(fixture, source):
    for text in fixture_quotes(fixture):
        for part in quoted_parts(text):
            assert part in source, part


def test_no_pdf_or_html_artefact_is_left(fixture):
    for text in fixture_quotes(fixture):
        assert not re.search(r"<|>|style=|\t|\*\*| {2}|Netinet\b|\bESIT\b", text), text
        assert not re.search(r"(^|\n)- *($|\n)", text), text


def test_nothing_of_the_source_is_left_out(fixture, source):
    assert unquoted_pieces(source, fixture) <= LEFT_OUT


# --- loading -------------------------------------------------------------------


@pytest.mark.django_db
def test_fixture_loads_twice_without_duplicates():
    call_command("loaddata", str(FIXTURE), verbosity=0)
    call_command("loaddata", str(FIXTURE), verbosity=0)

    certification = Certification.objects.get(slug=SLUG)
    assert Certification.objects.count() == 1
    assert CertificationSection.objects.count() == len(SECTION_HEADINGS)
    assert Component.objects.count() == len(UNITS)
    assert Activity.objects.count() == len(ACTIVITIES)
    assert ActivityTask.objects.count() == 13
    assert Competence.objects.count() == sum(
        len(SKILLS[label]) + len(KNOWLEDGE[label]) + 1 for label, _ in UNITS
    )
    assert (
        list(certification.certificationsection_set.values_list("heading", flat=True))
        == SECTION_HEADINGS
    )
    assert list(certification.component_set.values_list("label", flat=True)) == [
        label for label, _ in UNITS
    ]
    for activity, (code, _, tasks, units) in zip(
        certification.activity_set.all(), ACTIVITIES, strict=True
    ):
        assert activity.code == code
        assert list(activity.tasks.values_list("code", flat=True)) == [c for c, _ in tasks]
        assert sorted(activity.units.values_list("label", flat=True)) == sorted(units)
    child = Competence.objects.get(code="U7S3.3")
    assert child.parent.code == "U7S2"
    assert Competence.objects.get(code="U4S2.1").parent.code == "US4S2"


@pytest.mark.django_db
def test_loaded_certification_is_found_by_search():
    call_command("loaddata", str(FIXTURE), verbosity=0)
    certification = Certification.objects.get(slug=SLUG)
    stored = certification.search_text
    certification.refresh_search_text()
    assert stored == certification.search_text == normalise(stored)
    assert list(Certification.objects.search("operationnel commerce")) == [certification]
