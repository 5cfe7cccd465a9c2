"""What the two job sheets of fixtures/jobsheets/ say, as a reader counts it by hand."""

from pathlib import Path

from careers.models import SectionKind

JOBSHEETS = Path(__file__).resolve().parents[2] / "fixtures" / "jobsheets"
LOGISTICS_SHEET = JOBSHEETS / "assistant-logistique-internationale.txt"
RELATIONS_SHEET = JOBSHEETS / "charge-de-mission-relations-internationales.txt"

# Both sheets print every section, in this order.
SECTION_ORDER = [
    SectionKind.FULFILMENT,
    SectionKind.MISSIONS,
    SectionKind.SOFT_SKILLS,
    SectionKind.HARD_SKILLS,
    SectionKind.EDUCATION,
    SectionKind.EXPERIENCE,
    SectionKind.TOOLS,
    SectionKind.CONSTRAINTS,
    SectionKind.SALARY,
    SectionKind.EVOLUTION,
    SectionKind.FAQ,
]

LOGISTICS_SOFT = [
    "Rigueur",
    "Sens de l'organisation",
    "Communication",
    "Adaptabilité",
    "Gestion du stress",
    "Collaboration",
    "Résolution de problèmes",
    "Proactivité",
    "Sens des responsabilités",
]
LOGISTICS_CONSTRAINTS = [
    "Pression temporelle",
    "Charge administrative",
    "Contraintes Budgétaires",
    "Gestion des imprévus",
    "Gestion des décalages horaires",
    "Gestion des Régulations Douanières",
    "Évolution des réglementations",
    "Coordination avec d'autres équipes",
    "Multilinguisme",
]
LOGISTICS_SALARIES = [(22000, 26000), (30000, 34000)]

RELATIONS_SOFT = [
    "Adaptabilité",
    "Communication",
    "Écoute active",
    "Collaboration",
    "Diplomatie",
    "Sens de l'organisation",
    "Gestion du temps",
    "Résolution de problèmes",
    "Curiosité intellectuelle",
]
RELATIONS_CONSTRAINTS = [
    "Évolutions Politiques",
    "Multilinguisme",
    "Gestion de la pression",
    "Capacité d'adaptation",
    "Différences Culturelles",
    "Gestion des décalages horaires",
    "Logistique",
    "Respect des réglementations",
    "Gestion de multiples projets",
]
RELATIONS_SALARIES = [(30000, 35000), (40000, 60000)]

# The same two salary levels and three education levels on both sheets.
SALARY_LEVELS = [("DÉBUTANT", "- de 3ans"), ("CONFIRMÉ", "+ de 5 ans")]
EDUCATION = [("BTS", "BAC +2", 120), ("BACHELOR", "BAC +3", 180), ("MASTERE", "BAC +5", 300)]

# A small sheet of the text format, as an editor would upload it ("Importer une fiche").
CARISTE_SHEET = """Cariste export
Le/la cariste export charge les conteneurs destinés à l'étranger.
#MISSIONS

Les principales missions

Le/la cariste export prépare et charge les envois internationaux.

Ces missions sont typiques pour le métier présenté.

  • Charger les conteneurs selon le plan de chargement
  • Vérifier l'arrimage des palettes
#SALAIRE

Salaire et évolution

La rémunération varie selon l'expérience.

DÉBUTANT (- de 3ans)

De 21000€ à 23000€ brut par an
"""
