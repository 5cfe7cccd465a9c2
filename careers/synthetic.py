"""Synthetic careers and certifications, to measure the site with a full-size catalogue.

Every sheet has all its sections filled from a shared vocabulary (a few
hundred skills, tools and constraints), so skill pages, facets and
comparisons see realistic overlap. Rows are marked `is_synthetic=True` and
their titles end with " (synthétique n°N)", so nobody mistakes them for the
sources. Seeding is additive: numbers continue after the highest synthetic
number already stored, and career n°N is drawn from `Random(f"{seed}-{N}")`,
so the same seed always gives the same sheet for the same number.
"""

import random
import re
import time
from dataclasses import dataclass
from functools import cache
from itertools import islice

from django.db import connection, models, transaction
from django.utils.text import slugify

from certifications import models as cert
from skills.models import Skill, SkillKind, ToolFamily
from skills.text import normalise

from .models import (
    Career,
    CareerSection,
    CareerSkill,
    Dimension,
    EducationLevel,
    ExperiencePath,
    FaqEntry,
    FulfilmentScore,
    Mission,
    MissionBlock,
    SalaryBand,
    SectionKind,
    ToolGroup,
)

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


# A leaf row of a sheet, before insertion: its model and its field values by name.
Row = tuple[type[models.Model], dict]


@dataclass(frozen=True)
class SeedReport:
    careers: int
    certifications: int
    seconds: float
    first_number: int


@dataclass
class Vocabulary:
    soft: list[Skill]
    hard: list[Skill]
    tools: dict[ToolFamily, list[Skill]]
    constraints: list[Skill]


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
        soft=[skills[(SkillKind.SOFT, n)] for n in names[SkillKind.SOFT]],
        hard=[skills[(SkillKind.HARD, n)] for n in names[SkillKind.HARD]],
        tools={
            families[family]: [
                skills[(SkillKind.TOOL, f"{tool}{version}")]
                for tool in tools
                for version in TOOL_VERSIONS
            ]
            for family, tools in TOOL_FAMILIES.items()
        },
        constraints=[skills[(SkillKind.CONSTRAINT, n)] for n in CONSTRAINTS],
    )


# --- Careers ---------------------------------------------------------------------------------


def sentence(rng: random.Random, domain: str) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} dans le domaine {domain_phrase(domain)}."


def domain_phrase(domain: str) -> str:
    return f"de l'{domain}" if domain[0] in "aeiouéèh" else f"de la {domain}"


@cache
def normalised(text: str) -> str:
    return normalise(text)


def paragraph(rng: random.Random, domain: str, sentences: int = 3) -> str:
    return " ".join(sentence(rng, domain) for _ in range(sentences))


class CareerDraft:
    """One synthetic sheet, drawn from its own random stream, before it has a primary key."""

    def __init__(self, number: int, seed: int, vocabulary: Vocabulary):
        rng = random.Random(f"{seed}-{number}")
        self.rng = rng
        self.domain = rng.choice(DOMAINS)
        title = f"{rng.choice(PROFESSIONS)} {self.domain} ({MARK}{number})"
        summary = f"Le métier de {title} consiste à {paragraph(rng, self.domain, 2).lower()}"
        # Title and summary are unique to the sheet: normalised directly, not cached.
        self.texts: list[str] = [normalise(title), normalise(summary)]
        self.career = Career(
            title=title,
            slug=slugify(title),
            summary=summary,
            is_synthetic=True,
            source_name="seed_synthetic",
        )
        self.soft = rng.sample(vocabulary.soft, 5)
        self.hard = rng.sample(vocabulary.hard, 5)
        self.families = rng.sample(list(vocabulary.tools), 3)
        self.tools = {family: rng.sample(vocabulary.tools[family], 3) for family in self.families}
        self.constraints = rng.sample(vocabulary.constraints, 3)

    def text(self, value: str) -> str:
        self.texts.append(normalised(value))
        return value

    def para(self, sentences: int = 2) -> str:
        """Random sentences; each is normalised once per process, not once per sheet."""
        drawn = [sentence(self.rng, self.domain) for _ in range(sentences)]
        self.texts.extend(normalised(s) for s in drawn)
        return " ".join(drawn)

    def simple_rows(self) -> list[Row]:
        """Every child row that only needs the career's primary key."""
        rng, career = self.rng, self.career
        rows: list[Row] = [
            row(
                CareerSection,
                career=career,
                position=position,
                kind=kind,
                heading=self.text(label),
                subheading=self.text(f"{label} : {self.domain}"),
                intro=self.para(),
                note=self.para(1),
            )
            for position, (kind, label) in enumerate(SectionKind.choices)
        ]
        rows += [
            row(
                FulfilmentScore,
                career=career,
                position=position,
                dimension=dimension,
                percent=rng.randint(35, 95),
                hint=self.text(f"{label} : {rng.choice(OBJECTS)}"),
            )
            for position, (dimension, label) in enumerate(Dimension.choices)
        ]
        rows += [
            row(CareerSkill, career=career, skill=s, position=i, description=self.para(1))
            for i, s in enumerate(self.soft)
        ]
        rows += [
            row(
                CareerSkill,
                career=career,
                skill=s,
                position=i,
                description=self.para(1),
                score=rng.randint(40, 98),
                keywords=self.text(", ".join(rng.sample(OBJECTS, 3))),
            )
            for i, s in enumerate(self.hard)
        ]
        rows += [
            row(CareerSkill, career=career, skill=s, position=i, description=self.para(1))
            for i, s in enumerate(self.constraints)
        ]
        diplomas = sorted(rng.sample(DIPLOMAS, 3), key=lambda d: d[2])
        rows += [
            row(
                EducationLevel,
                career=career,
                position=i,
                name=name,
                level_label=label,
                ects=ects,
                description=self.text(f"Le {name} est un diplôme de niveau {label}."),
                career_text=self.para(1),
                note=self.para(1),
                programmes_label=self.text(f"{name} {self.domain}"),
            )
            for i, (name, label, ects) in enumerate(diplomas)
        ]
        rows += [
            row(
                ExperiencePath,
                career=career,
                position=i,
                title=self.text(f"Expérience en tant que {rng.choice(PROFESSIONS)} {domain}"),
                description=self.para(1),
            )
            for i, domain in enumerate(rng.sample(DOMAINS, 2))
        ]
        low = rng.randrange(20000, 32000, 500)
        for i, (label, experience) in enumerate(SALARY_STEPS):
            high = low + rng.randrange(3000, 9000, 500)
            rows.append(
                row(
                    SalaryBand,
                    career=career,
                    position=i,
                    label=label,
                    experience=experience,
                    min_eur=low,
                    max_eur=high,
                )
            )
            low = high - rng.randrange(0, 2000, 500)
        rows += [
            row(
                FaqEntry,
                career=career,
                position=i,
                question=self.text(f"{question} {self.domain} ?"),
                answer=self.para(2),
            )
            for i, question in enumerate(
                [
                    "Quelles études pour travailler dans le domaine",
                    "Quel salaire espérer dans le domaine",
                    "Quelles évolutions de carrière dans le domaine",
                    "Quelles qualités pour réussir dans le domaine",
                ]
            )
        ]
        return rows

    def blocks(self) -> list[MissionBlock]:
        return [
            MissionBlock(career=self.career, position=i, title=self.text(f"{verb} au quotidien"))
            for i, verb in enumerate(self.rng.sample(VERBS, 3))
        ]

    def missions(self, block: MissionBlock) -> list[Row]:
        return [
            row(Mission, block=block, position=i, text=self.text(sentence(self.rng, self.domain)))
            for i in range(self.rng.randint(3, 5))
        ]

    def tool_groups(self) -> list[ToolGroup]:
        return [
            ToolGroup(career=self.career, position=i, family=family, description=self.para(1))
            for i, family in enumerate(self.families)
        ]

    def tool_links(self, groups: list[ToolGroup]) -> list[Row]:
        return [
            row(CareerSkill, career=self.career, skill=tool, position=i, tool_group=group)
            for group in groups
            for i, tool in enumerate(self.tools[group.family])
        ]

    def finish(self) -> None:
        """Fill search_text with every text of the sheet, as the importer does."""
        names = [s.search_text for s in (*self.soft, *self.hard, *self.constraints)]
        names += [t.search_text for tools in self.tools.values() for t in tools]
        names += [normalised(f.name) for f in self.families]
        self.career.search_text = " ".join(self.texts + names)


def write_careers(numbers: list[int], seed: int, vocabulary: Vocabulary) -> None:
    """Insert one batch: one bulk insert per table, parents first.

    Rows point at their parents, which are inserted first and so have their
    primary keys when the rows are written.
    """
    drafts = [CareerDraft(number, seed, vocabulary) for number in numbers]
    rows = [row for draft in drafts for row in draft.simple_rows()]
    blocks = [(draft, block) for draft in drafts for block in draft.blocks()]
    missions = [mission for draft, block in blocks for mission in draft.missions(block)]
    groups = [(draft, draft.tool_groups()) for draft in drafts]
    tool_links = [link for draft, gs in groups for link in draft.tool_links(gs)]
    for draft in drafts:
        draft.finish()
    Career.objects.bulk_create([draft.career for draft in drafts])
    MissionBlock.objects.bulk_create([block for _, block in blocks])
    ToolGroup.objects.bulk_create([group for _, gs in groups for group in gs])
    insert_rows([*rows, *missions, *tool_links])


def row(model: type[models.Model], **values) -> Row:
    return model, values


def insert_rows(rows: list[Row]) -> None:
    """INSERT plain rows with executemany, one statement per table.

    Ten times cheaper than bulk_create for the ~70 leaf rows of each sheet:
    no model instances. Unnamed fields take their default; a model instance
    given for a foreign key stands for its (by now saved) primary key.
    """
    by_model: dict[type[models.Model], list[dict]] = {}
    for model, values in rows:
        by_model.setdefault(model, []).append(values)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model, values_list in by_model.items():
            fields = [f for f in model._meta.concrete_fields if not f.primary_key]
            defaults = {f.name: f.get_default() for f in fields}
            names = [f.name for f in fields]
            sql = "INSERT INTO {} ({}) VALUES ({})".format(
                quote(model._meta.db_table),
                ", ".join(quote(f.column) for f in fields),
                ", ".join(["%s"] * len(fields)),
            )
            cursor.executemany(
                sql, [tuple(db_value(v.get(n, defaults[n])) for n in names) for v in values_list]
            )


def db_value(value):
    return value.pk if isinstance(value, models.Model) else value


# --- Certifications --------------------------------------------------------------------------


def ensure_codes() -> tuple[list[cert.NsfCode], list[cert.RomeCode]]:
    """NSF and ROME codes (real nomenclature entries), reused when already stored."""
    nsf = [
        cert.NsfCode.objects.get_or_create(code=code, defaults={"label": label})[0]
        for code, label in NSF.items()
    ]
    rome = [
        cert.RomeCode.objects.get_or_create(code=code, defaults={"label": label})[0]
        for code, label in ROME.items()
    ]
    return nsf, rome


def write_certifications(
    numbers: list[int], seed: int, nsf: list[cert.NsfCode], rome: list[cert.RomeCode]
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
