"""Synthetic careers and certifications, to measure the site with a full-size catalogue.

Every sheet has all its sections, each drawn by its spec (`SectionSpec.fake`)
from a shared vocabulary (a few hundred skills, tools and constraints), so
skill pages, facets and comparisons see realistic overlap. Rows are marked `is_synthetic=True` and
their titles end with " (synthétique n°N)", so nobody mistakes them for the
sources. Seeding is additive: numbers continue after the highest synthetic
number already stored, and career n°N is drawn from `Random(f"{seed}-{N}")`,
so the same seed always gives the same sheet for the same number.
"""

import random
import re
import time
from dataclasses import dataclass
from itertools import islice

from django.db import transaction
from django.utils.text import slugify

from certifications import models as cert
from core import cache
from core.text import normalise
from skills.models import RomeCode, Skill, SkillKind, ToolFamily

from .models import Career
from .rows import planned_rows, search_text, write_rows
from .sections import SPECS

MARK = "synthétique n°"
NUMBER = re.compile(r"\(synthétique n°(\d+)\)$")

PROFESSIONS = [
    "Assistant(e)",
    "Chargé(e) d'études",
    "Technicien(ne)",
    "Responsable",
    "Coordinateur(trice)",
    "Conseiller(ère)",
    "Gestionnaire",
    "Analyste",
    "Chef(fe) de projet",
    "Opérateur(trice)",
    "Consultant(e)",
    "Ingénieur(e)",
    "Animateur(trice)",
    "Contrôleur(se)",
    "Agent(e)",
]
DOMAINS = [
    "logistique",
    "transport international",
    "commerce international",
    "achats",
    "qualité",
    "ressources humaines",
    "communication",
    "comptabilité",
    "paie",
    "maintenance industrielle",
    "formation professionnelle",
    "relation client",
    "marketing digital",
    "supply chain",
    "import-export",
    "douane",
    "environnement",
    "sécurité au travail",
    "tourisme",
    "événementiel",
    "immobilier",
    "assurance",
    "banque",
    "data",
    "cybersécurité",
    "urbanisme",
    "énergie",
    "agroalimentaire",
    "santé",
    "médiation culturelle",
]
VERBS = [
    "Organiser",
    "Coordonner",
    "Suivre",
    "Analyser",
    "Planifier",
    "Contrôler",
    "Négocier",
    "Préparer",
    "Optimiser",
    "Accompagner",
    "Mettre à jour",
    "Animer",
    "Évaluer",
    "Rédiger",
]
OBJECTS = [
    "les flux de marchandises",
    "les dossiers clients",
    "le budget du service",
    "les stocks",
    "les appels d'offres",
    "les indicateurs de performance",
    "les fournisseurs",
    "les documents réglementaires",
    "les plannings d'équipe",
    "les réunions de suivi",
    "la veille réglementaire",
    "les incidents",
    "les contrats",
    "les formations internes",
    "les campagnes de communication",
    "les audits qualité",
    "les litiges transport",
    "les données de vente",
    "les tableaux de bord",
    "les procédures internes",
]
SOFT = [
    "Communication",
    "Rigueur",
    "Organisation",
    "Esprit d'équipe",
    "Adaptabilité",
    "Curiosité",
    "Autonomie",
    "Sens de l'écoute",
    "Réactivité",
    "Gestion du stress",
    "Diplomatie",
    "Créativité",
    "Sens du service",
    "Leadership",
    "Persévérance",
    "Esprit critique",
    "Sens des responsabilités",
    "Pédagogie",
    "Capacité d'analyse",
    "Empathie",
]
SOFT_SHADES = ["", " interculturelle", " au quotidien", " en situation de crise"]
HARD_PREFIXES = [
    "Gestion",
    "Analyse",
    "Pilotage",
    "Maîtrise",
    "Suivi",
    "Optimisation",
    "Contrôle",
    "Conception",
    "Planification",
    "Audit",
]
HARD_TOPICS = [
    "des stocks",
    "des coûts",
    "budgétaire",
    "des risques",
    "de projet",
    "des flux",
    "réglementaire",
    "documentaire",
    "des achats",
    "commerciale",
    "de la qualité",
    "des données",
    "des fournisseurs",
    "des transports",
]
TOOL_FAMILIES = {
    "Bureautique": ["Excel", "Word", "PowerPoint", "LibreOffice Calc", "Google Sheets"],
    "Gestion de la relation client (CRM)": ["HubSpot", "Salesforce", "Zoho CRM", "Pipedrive"],
    "Progiciel de gestion intégré (ERP)": ["SAP", "Odoo", "Sage X3", "Oracle NetSuite"],
    "Gestion d'entrepôt (WMS)": ["Reflex WMS", "Manhattan WMS", "Generix WMS"],
    "Gestion de projet": ["Trello", "Jira", "Asana", "MS Project", "Notion"],
    "Communication d'équipe": ["Slack", "Microsoft Teams", "Zoom"],
    "Analyse de données": ["Power BI", "Tableau", "Looker Studio", "Python", "R"],
    "Conception graphique": ["Canva", "Figma", "Photoshop", "InDesign"],
    "Comptabilité": ["Cegid", "Quickbooks", "EBP", "Pennylane"],
    "Transport et douane": ["Delta G", "Conex", "Soprano", "Shippeo"],
}
TOOL_VERSIONS = ["", " (avancé)", " (intermédiaire)"]
CONSTRAINTS = [
    "Déplacements fréquents",
    "Horaires décalés",
    "Travail le week-end",
    "Port de charges",
    "Astreintes",
    "Travail en open space",
    "Pression des délais",
    "Station debout prolongée",
    "Travail en extérieur",
    "Anglais courant exigé",
    "Permis B obligatoire",
    "Décalage horaire",
    "Travail sur écran prolongé",
    "Environnement bruyant",
]
DIPLOMAS = [
    ("BTS", "BAC +2", 120),
    ("BUT", "BAC +3", 180),
    ("Licence professionnelle", "BAC +3", 180),
    ("Master", "BAC +5", 300),
]
SALARY_STEPS = [("DÉBUTANT", "- de 3 ans"), ("CONFIRMÉ", "3 à 8 ans"), ("SENIOR", "+ de 8 ans")]
NSF = {
    "311": "Transports, manutention, magasinage",
    "312": "Commerce, vente",
    "313": "Finances, banque, assurances",
    "314": "Comptabilité, gestion",
    "315": "Ressources humaines, gestion du personnel, gestion de l'emploi",
    "320": "Spécialités plurivalentes de la communication",
    "326": "Informatique, traitement de l'information, réseaux de transmission",
    "334": "Accueil, hôtellerie, tourisme",
}
ROME = {
    "N1301": "Conception et organisation de la chaîne logistique",
    "N1303": "Intervention technique d'exploitation logistique",
    "D1401": "Assistanat commercial",
    "M1101": "Achats",
    "M1203": "Comptabilité",
    "M1607": "Secrétariat",
    "K2111": "Formation professionnelle",
    "E1103": "Communication",
}
CERT_KINDS = [
    (cert.CertificationKind.RNCP, "RNCP {n}", "Bloc de compétence n°{i}"),
    (cert.CertificationKind.TP, "TP-9{n:04d}", "CCP"),
    (cert.CertificationKind.ERASMUS, "", "Unité {i}"),
]


@dataclass(frozen=True)
class SeedReport:
    careers: int
    certifications: int
    seconds: float
    first_number: int


@dataclass
class Vocabulary:
    skills: dict[str, list[Skill]]  # by kind
    tools: dict[ToolFamily, list[Skill]]


def seed_synthetic(
    *, careers: int, certifications: int, seed: int = 0, batch_size: int = 500
) -> SeedReport:
    """Add `careers` synthetic careers and `certifications` synthetic certifications.

    Each batch is its own transaction, so a large run never holds one huge
    transaction and an interrupted run leaves only whole sheets behind.
    """
    started = time.perf_counter()
    with transaction.atomic():
        vocabulary = ensure_vocabulary()
    career_start = next_number(Career)
    numbers = iter(range(career_start, career_start + careers))
    while batch := list(islice(numbers, batch_size)):
        with transaction.atomic():
            write_careers(batch, seed, vocabulary)
    cert_start = next_number(cert.Certification)
    with transaction.atomic():
        nsf, rome = ensure_codes()
    cert_numbers = iter(range(cert_start, cert_start + certifications))
    while batch := list(islice(cert_numbers, batch_size)):
        with transaction.atomic():
            write_certifications(batch, seed, nsf, rome)
            cache.bump()  # bulk writes send no signal
    return SeedReport(careers, certifications, time.perf_counter() - started, career_start)


def next_number(model) -> int:
    """One more than the highest "synthétique n°N" stored (titles sort as text, not numbers)."""
    titles = model.objects.filter(is_synthetic=True, title__contains=MARK).values_list(
        "title", flat=True
    )
    numbers = [int(match[1]) for title in titles.iterator() if (match := NUMBER.search(title))]
    return max(numbers, default=0) + 1


# --- Vocabulary ------------------------------------------------------------------------------


def vocabulary_names() -> dict[str, list[str]]:
    return {
        SkillKind.SOFT: [f"{s}{shade}" for s in SOFT for shade in SOFT_SHADES],
        SkillKind.HARD: [f"{p} {t}" for p in HARD_PREFIXES for t in HARD_TOPICS],
        SkillKind.TOOL: [
            f"{tool}{version}"
            for tools in TOOL_FAMILIES.values()
            for tool in tools
            for version in TOOL_VERSIONS
        ],
        SkillKind.CONSTRAINT: CONSTRAINTS,
    }


def ensure_vocabulary() -> Vocabulary:
    """The shared vocabulary: existing rows are reused by (kind, name), missing ones created."""
    names = vocabulary_names()
    wanted = [(kind, name) for kind, kind_names in names.items() for name in kind_names]
    existing = {(s.kind, s.name): s for s in Skill.objects.all()}
    taken = set(Skill.objects.values_list("slug", flat=True))
    missing = []
    for kind, name in wanted:
        if (kind, name) in existing:
            continue
        slug = slugify(name)
        if slug in taken:
            slug = slugify(f"{name} {kind}")
        taken.add(slug)
        missing.append(Skill(kind=kind, name=name, slug=slug, search_text=normalise(name)))
    Skill.objects.bulk_create(missing, ignore_conflicts=True)
    skills = {(s.kind, s.name): s for s in Skill.objects.all()}
    families = {}
    for name in TOOL_FAMILIES:
        families[name], _ = ToolFamily.objects.get_or_create(
            name=name, defaults={"slug": slugify(name)}
        )
    return Vocabulary(
        skills={
            kind: [skills[kind, name] for name in kind_names] for kind, kind_names in names.items()
        },
        tools={
            families[family]: [
                skills[(SkillKind.TOOL, f"{tool}{version}")]
                for tool in tools
                for version in TOOL_VERSIONS
            ]
            for family, tools in TOOL_FAMILIES.items()
        },
    )


# --- Careers ---------------------------------------------------------------------------------

# How many items of each kind a synthetic sheet names.
DRAWN = {SkillKind.SOFT: 5, SkillKind.HARD: 5, SkillKind.CONSTRAINT: 3}


def domain_phrase(domain: str) -> str:
    return f"de l'{domain}" if domain[0] in "aeiouéèh" else f"de la {domain}"


def sentence(rng: random.Random, domain: str) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} dans le domaine {domain_phrase(domain)}."


def paragraph(rng: random.Random, domain: str, sentences: int = 3) -> str:
    return " ".join(sentence(rng, domain) for _ in range(sentences))


class Draft:
    """One synthetic sheet's random stream: what each spec's `fake()` draws from.

    `flavour` says which sections it has: a job sheet of the text format ("sheet")
    or a ROME fiche ("rome"); the load tests seed sheets.
    """

    def __init__(self, number: int, seed: int, vocabulary: Vocabulary, flavour: str = "sheet"):
        self.rng = random.Random(f"{seed}-{number}")
        self.flavour = flavour
        self.vocabulary_pools = vocabulary
        self.domain = self.rng.choice(DOMAINS)
        self.title = f"{self.rng.choice(PROFESSIONS)} {self.domain} ({MARK}{number})"
        self.summary = (
            f"Le métier de {self.title} consiste à {paragraph(self.rng, self.domain, 2).lower()}"
        )

    # What the specs draw.

    def sentence(self) -> str:
        return sentence(self.rng, self.domain)

    def para(self, sentences: int = 2) -> str:
        return paragraph(self.rng, self.domain, sentences)

    def text(self, value: str) -> str:
        return value

    def object(self) -> str:
        return self.rng.choice(OBJECTS)

    def keywords(self) -> str:
        return ", ".join(self.rng.sample(OBJECTS, 3))

    def profession(self) -> str:
        return self.rng.choice(PROFESSIONS)

    def domains(self, count: int) -> list[str]:
        return self.rng.sample(DOMAINS, count)

    def words(self, label: str) -> dict:
        """A section's heading, subheading, introduction and note."""
        return {
            "heading": label,
            "subheading": f"{label} : {self.domain}",
            "intro": self.para(),
            "note": self.para(1),
        }

    def vocabulary(self, kind: str) -> list[Skill]:
        return self.rng.sample(self.vocabulary_pools.skills[kind], DRAWN[kind])

    def tool_families(self) -> list[tuple[ToolFamily, list[Skill]]]:
        families = self.rng.sample(list(self.vocabulary_pools.tools), 3)
        return [
            (family, self.rng.sample(self.vocabulary_pools.tools[family], 3)) for family in families
        ]

    def diplomas(self, count: int) -> list[tuple[str, str, int]]:
        return self.rng.sample(DIPLOMAS, count)

    def salary_steps(self) -> list[tuple[str, str]]:
        return SALARY_STEPS

    def code(self) -> str:
        """A code OGR, as ROME numbers its items."""
        return str(self.rng.randrange(100000, 999999))

    def rome_code(self) -> str:
        return f"{self.rng.choice('ABCDEFGHIJKLMN')}{self.rng.randrange(1000, 9999)}"

    def rome_items(self, kind: str, count: int) -> list[tuple[str, str]]:
        """(code OGR, label) of ROME vocabulary items, from a shared pool of each kind."""
        pool = [
            (f"{kind}-{index}", f"{OBJECTS[index].capitalize()} ({kind})") for index in range(12)
        ]
        return self.rng.sample(pool, count)

    def parts(self) -> list:
        """The parts of the sheet, in page order, each drawn by its spec."""
        return [
            part
            for spec in SPECS
            if spec.flavour == self.flavour and (part := spec.fake(self)) is not None
        ]


def write_careers(numbers: list[int], seed: int, vocabulary: Vocabulary) -> None:
    """Insert one batch: the careers, then one insert per table for all their rows."""
    drafts = [Draft(number, seed, vocabulary) for number in numbers]
    plans = [planned_rows(draft.parts(), source="seed_synthetic") for draft in drafts]
    careers = [
        Career(
            title=draft.title,
            slug=slugify(draft.title),
            summary=draft.summary,
            is_synthetic=True,
            source_name="seed_synthetic",
            search_text=search_text(
                draft.title,
                draft.summary,
                {table: [row.values for row in rows] for table, rows in plan.items()},
            ),
        )
        for draft, plan in zip(drafts, plans, strict=True)
    ]
    Career.objects.bulk_create(careers)
    write_rows([(career.pk, plan) for career, plan in zip(careers, plans, strict=True)])


# --- Certifications --------------------------------------------------------------------------


def ensure_codes() -> tuple[list[cert.NsfCode], list[RomeCode]]:
    """NSF and ROME codes (real nomenclature entries), reused when already stored."""
    nsf = [
        cert.NsfCode.objects.get_or_create(code=code, defaults={"label": label})[0]
        for code, label in NSF.items()
    ]
    rome = [
        RomeCode.objects.get_or_create(code=code, defaults={"label": label})[0]
        for code, label in ROME.items()
    ]
    return nsf, rome


def write_certifications(
    numbers: list[int], seed: int, nsf: list[cert.NsfCode], rome: list[RomeCode]
) -> None:
    certifications, components, sections, romes, nsf_links = [], [], [], [], []
    competences: dict[int, list[cert.Competence]] = {}
    for number in numbers:
        rng = random.Random(f"{seed}-certification-{number}")
        kind, code_pattern, component_label = rng.choice(CERT_KINDS)
        domain = rng.choice(DOMAINS)
        title = f"{rng.choice(PROFESSIONS)} {domain} ({MARK}{number})"
        level = rng.randint(3, 7)
        certification = cert.Certification(
            kind=kind,
            code=code_pattern.format(n=900000 + number) if code_pattern else "",
            title=title,
            slug=slugify(title),
            level=level,
            level_label=f"{level} (Nomenclature Europe)",
            certifying_body=f"Organisme certificateur {rng.choice(DOMAINS)}",
            summary=paragraph(rng, domain, 3),
            is_synthetic=True,
        )
        certification.refresh_search_text()
        certifications.append(certification)
        for i in range(rng.randint(3, 4)):
            component = cert.Component(
                certification=certification,
                position=i,
                label=component_label.format(i=i + 1),
                code=f"BC0{i + 1}",
                title=sentence(rng, domain),
                description=paragraph(rng, domain, 2),
                evaluation="Mise en situation professionnelle et étude de cas.",
            )
            components.append(component)
            competences[id(component)] = [
                cert.Competence(
                    component=component,
                    position=j,
                    kind=rng.choice(cert.CompetenceKind.values),
                    code=f"C{i + 1}.{j + 1}",
                    text=sentence(rng, domain),
                )
                for j in range(rng.randint(3, 5))
            ]
        sections += [
            cert.CertificationSection(
                certification=certification,
                position=i,
                heading=heading,
                body=paragraph(rng, domain, 2),
            )
            for i, heading in enumerate(["Voies d'accès", "Débouchés"])
        ]
        romes += [
            cert.CertificationRome(
                certification=certification, position=i, rome_code=code, label=code.label
            )
            for i, code in enumerate(rng.sample(rome, 2))
        ]
        nsf_links += [(certification, code) for code in rng.sample(nsf, 2)]
    cert.Certification.objects.bulk_create(certifications)
    cert.Component.objects.bulk_create(components)
    cert.Competence.objects.bulk_create([c for cs in competences.values() for c in cs])
    cert.CertificationSection.objects.bulk_create(sections)
    cert.CertificationRome.objects.bulk_create(romes)
    through = cert.Certification.nsf_codes.through
    through.objects.bulk_create(
        [through(certification_id=c.pk, nsfcode_id=code.pk) for c, code in nsf_links]
    )
