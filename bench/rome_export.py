"""A synthetic ROME 4.0 export the size of the real one, and a timed, measured read of it.

Writing: a ZIP like France Travail's (version.txt beside
`unix_fiche_emploi_metier_v460.json`) with `--fiches` job sheets in the JSON
export's shape and sizes: definitions of 400-900 characters, 5-40 appellations,
4-7 savoir-faire enjeux of 3-8 items, and so on. Items come from a shared pool,
as in the real data where one savoir-faire appears in many fiches. Fiches are
written one at a time into the ZIP member, so memory does not grow with their
number (only the list of codes does, a few hundred kilobytes at 8 000 fiches).

Reading: `--read` opens an export with careers.rome and reads every fiche,
printing how many, how long, and the process's peak resident memory, so that two
sizes show whether reading is flat in memory.

    .venv/bin/python bench/rome_export.py --fiches 1584 --out /tmp/rome.zip
    .venv/bin/python bench/rome_export.py --fiches 7920 --out /tmp/rome5.zip --encoding iso8859-15
    .venv/bin/python bench/rome_export.py --read /tmp/rome.zip
"""

import argparse
import json
import random
import resource
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTERS = "ABCDEFGHIJKLMN"
ENCODINGS = {"utf-8": "utf-8", "iso8859-15": "iso8859_15"}
VERSION_TXT = (
    "Numero de version : 60\n"
    "Date de publication : 18/09/2025\n"
    "Date de validation : 27/08/2025\n"
    "Titre/commentaire : ROME 4.0 version 60 - 25M09\n"
)

# Vocabulary. Only characters ISO-8859-15 has, "€" and "œ" among them, so both
# encodings can be written.
JOBS = [
    ("Chef", "Cheffe", "de quai"),
    ("Technicien", "Technicienne", "de maintenance industrielle"),
    ("Responsable", "Responsable", "d'exploitation logistique"),
    ("Agent", "Agente", "de contrôle qualité"),
    ("Conducteur", "Conductrice", "d'engins de chantier"),
    ("Assistant", "Assistante", "commercial(e) export"),
    ("Directeur", "Directrice", "de site de production"),
    ("Ouvrier", "Ouvrière", "de la main-d'œuvre agricole"),
    ("Animateur", "Animatrice", "d'activités culturelles"),
    ("Infirmier", "Infirmière", "de bloc opératoire"),
    ("Opérateur", "Opératrice", "de fabrication"),
    ("Chargé", "Chargée", "de clientèle « grands comptes »"),
]
FIELDS = [
    "Intervention technique",
    "Direction",
    "Conduite",
    "Maintenance",
    "Assistanat",
    "Management",
    "Réalisation",
    "Conception",
    "Coordination",
    "Animation",
    "Contrôle",
    "Gestion",
]
DOMAINS = [
    "d'exploitation logistique",
    "de site de production",
    "d'engins agricoles",
    "des systèmes d'information",
    "commerciale et marketing",
    "de chantier du BTP",
    "en hôtellerie-restauration",
    "des soins et de l'hygiène",
    "de la qualité et de la sécurité",
    "des œuvres et du patrimoine",
    "financière et budgétaire",
    "en industrie agroalimentaire",
]
VERBS = [
    "Organiser",
    "Contrôler",
    "Planifier",
    "Coordonner",
    "Élaborer",
    "Analyser",
    "Réaliser",
    "Suivre",
    "Superviser",
    "Préparer",
    "Établir",
    "Gérer",
    "Animer",
    "Concevoir",
    "Vérifier",
    "Négocier",
]
OBJECTS = [
    "les opérations de réception et d'expédition",
    "un budget de fonctionnement en €",
    "le travail de la main-d'œuvre intérimaire",
    "les flux de marchandises",
    "un plan de prévention des risques",
    "la relation avec les clients",
    "une équipe de production",
    "les stocks et les approvisionnements",
    "un chantier de rénovation",
    "les contrôles de conformité",
    "un dossier administratif",
    "les soins d'hygiène et de confort",
    "un projet de développement",
    "les supports de communication",
    "une installation électrique",
    "les indicateurs de performance",
    "les achats et les devis",
    "la mise en œuvre d'un procédé",
]
MANNERS = [
    "selon les règles de sécurité",
    "dans le respect des délais",
    "en lien avec les services concernés",
    "à l'aide d'un logiciel dédié",
    "selon les normes en vigueur",
    "auprès des partenaires",
    "au cœur de l'activité",
    "",
]
ENJEUX = [
    "Organisation de l'activité",
    "Pilotage d'activité",
    "Management",
    "Data et Nouvelles technologies",
    "Relation client",
    "Développement commercial",
    "Qualité",
    "Santé et sécurité au travail",
    "Production",
    "Maintenance",
    "Soin",
    "Conception",
    "Animation",
    "Communication",
    "Gestion administrative",
    "Logistique",
    "Achats",
    "Environnement",
    "Formation et transmission",
    "Gestion financière",
    "Sécurité des biens et des personnes",
    "Innovation",
    "Réglementation",
    "Numérique",
    "Coopération",
    "Contrôle",
    "Vente",
    "Accueil",
    "Expertise technique",
    "Prévention",
    "Stratégie",
    "Coordination",
]
SAVOIR_ETRE = [
    "Faire preuve de réactivité",
    "Travailler en équipe",
    "Faire preuve de rigueur et de précision",
    "Avoir le sens du service",
    "Faire preuve d'autonomie",
    "Faire preuve de leadership",
    "Gérer son stress",
    "Être à l'écoute",
    "Faire preuve de curiosité",
    "Faire preuve de persévérance",
    "Avoir l'esprit d'initiative",
    "Faire preuve de diplomatie",
    "Inspirer, donner du sens",
    "Prendre des initiatives et être force de proposition",
    "Organiser son travail selon les priorités et les objectifs",
    "Faire preuve de pédagogie",
    "S'adapter aux changements",
    "Faire preuve de créativité, d'inventivité",
    "Être capable de prendre des décisions",
    "Respecter ses engagements, assumer ses responsabilités",
]
SAVOIR_CATEGORIES = [
    "Domaines d'expertise",
    "Normes et procédés",
    "Produits, outils et matières",
    "Techniques professionnelles",
    "Outils bureautiques et logiciels",
    "Réglementations",
    "Langues",
]
SAVOIR_TOPICS = [
    "Logistique",
    "Gestion budgétaire",
    "Règles d'hygiène et de sécurité",
    "Techniques de vente",
    "Normes qualité ISO",
    "Électricité",
    "Mécanique",
    "Droit du travail",
    "Comptabilité",
    "Anglais professionnel",
    "Cariste (CACES R489)",
    "Logiciels de gestion d'entrepôt",
    "Management d'équipe",
    "Procédés de fabrication",
    "Œnologie",
    "Prix de revient en €",
]
CONTEXT_GROUPS = {
    "Horaires et durée du travail": [
        "Travail en horaires décalés",
        "Travail le week-end",
        "Travail de nuit",
        "Travail en astreinte",
        "Travail à temps partiel",
        "Travail en équipe alternée (3x8)",
    ],
    "Conditions de travail et risques professionnels": [
        "Port de charges lourdes",
        "Station debout prolongée",
        "Exposition au bruit",
        "Travail en hauteur",
        "Exposition au froid",
        "Manipulation de produits dangereux",
    ],
    "Lieux et déplacements": [
        "Bureau",
        "Entrepôt",
        "Chantier",
        "Déplacements professionnels",
        "Domicile des particuliers",
        "Grandes surfaces",
    ],
    "Types de structures": [
        "Entreprise",
        "Association",
        "Collectivité territoriale",
        "Établissement de santé",
        "Entreprise de transport et logistique",
        "Établissement public",
    ],
    "Statut d'emploi": ["Salarié", "Fonctionnaire", "Indépendant", "Intérimaire"],
    "Publics spécifiques": ["Enfants", "Personnes âgées", "Personnes en situation de handicap"],
}
SECTORS = [
    "Transport et logistique",
    "Grande distribution",
    "Commerce de gros",
    "Industrie agroalimentaire",
    "Bâtiment et travaux publics",
    "Santé",
    "Hôtellerie-restauration",
    "Banque et assurance",
    "Fonction publique",
    "Industrie automobile",
    "Énergie",
    "Culture et patrimoine",
]
SENTENCES = [
    "Organise et contrôle les opérations selon les règles de sécurité et les objectifs de "
    "qualité, de coûts et de délais.",
    "Coordonne le travail des équipes et de la main-d'œuvre intérimaire.",
    "Peut gérer un budget de plusieurs milliers d'€ et négocier avec les fournisseurs.",
    "Veille au respect des normes d'hygiène, de sécurité et d'environnement.",
    "Rend compte de l'activité à sa hiérarchie à l'aide d'indicateurs de performance.",
    "Peut encadrer une équipe et participer au recrutement de nouveaux collaborateurs.",
    "Intervient au cœur de l'activité, en lien avec les services techniques et commerciaux.",
    "Conseille les clients et les oriente vers les produits ou services adaptés.",
]
ACCESS_SENTENCES = [
    "Cet emploi/métier est accessible avec un Bac+2 (BTS, BUT) dans le secteur.",
    "Il est également accessible avec une expérience professionnelle d'au moins 3 ans.",
    "Un diplôme de niveau Bac+5 (master, école d'ingénieur ou de commerce) peut être exigé.",
    "Des habilitations ou certificats (CACES, habilitation électrique) peuvent être requis.",
    "Le salaire d'entrée se situe à partir de 2 000 € brut par mois.",
    "La maîtrise de l'outil informatique est requise.",
]

# Shared pools of items with their code_ogr, the same item in many fiches.
SAVOIR_FAIRE_POOL_SIZE = len(VERBS) * len(OBJECTS) * len(MANNERS)
SAVOIR_POOL_SIZE = 3000
CONTEXT_CODES = {
    label: 300700 + number
    for number, label in enumerate(label for labels in CONTEXT_GROUPS.values() for label in labels)
}


def code_for(value: int) -> str:
    """ "N1303" from an integer below 140 000: one of the 14 letters, four digits."""
    return f"{LETTERS[value // 10000]}{value % 10000:04d}"


def title_for(index: int) -> str:
    """The title of the fiche at `index`, computable from the index alone (for mobilities);
    unique in the export, as the real fiches' titles are."""
    title = f"{FIELDS[index % len(FIELDS)]} {DOMAINS[(index // len(FIELDS)) % len(DOMAINS)]}"
    cycle = index // (len(FIELDS) * len(DOMAINS))
    return (
        f"{title} ({SECTORS[cycle % len(SECTORS)].lower()}, {cycle // len(SECTORS) + 1})"
        if cycle
        else title
    )


def savoir_faire_item(number: int) -> tuple[str, int]:
    verb = VERBS[number % len(VERBS)]
    thing = OBJECTS[(number // len(VERBS)) % len(OBJECTS)]
    manner = MANNERS[(number // (len(VERBS) * len(OBJECTS))) % len(MANNERS)]
    return " ".join(part for part in (verb, thing, manner) if part), 100000 + number


def savoir_item(number: int) -> tuple[str, int]:
    topic = SAVOIR_TOPICS[number % len(SAVOIR_TOPICS)]
    return f"{topic} (niveau {number // len(SAVOIR_TOPICS) + 1})", 120000 + number


def text_of(rng: random.Random, sentences: list[str], low: int, high: int) -> str:
    target, parts = rng.randint(low, high), []
    while sum(map(len, parts)) + len(parts) < target:
        parts.append(rng.choice(sentences))
    text = " ".join(parts)
    return text[:high].rsplit(" ", 1)[0].rstrip(".,") + "." if len(text) > high else text


def fiche(rng: random.Random, index: int, codes: list[str], next_ogr: Iterator[int]) -> dict:
    """One fiche in the JSON export's shape (numbers for code_ogr, "Principale" for core)."""

    def importance() -> str | None:
        roll = rng.random()
        return "Principale" if roll < 0.25 else "Émergente" if roll < 0.3 else None

    appellations = []
    for _ in range(rng.randint(5, 40)):
        masculine, feminine, rest = rng.choice(JOBS)
        label = (
            f"{masculine} / {feminine} {rest}" if masculine != feminine else f"{masculine} {rest}"
        )
        appellations.append(
            {"libelle": label, "libelle_court": label[:60], "code_ogr": next(next_ogr)}
        )
    savoir_faire = [
        {
            "libelle": enjeu,
            "items": [
                {"libelle": label, "code_ogr": ogr, "coeur_metier": importance()}
                for label, ogr in map(
                    savoir_faire_item, rng.sample(range(SAVOIR_FAIRE_POOL_SIZE), rng.randint(3, 8))
                )
            ],
        }
        for enjeu in rng.sample(ENJEUX, rng.randint(4, 7))
    ]
    savoir_etre = [
        {"libelle": label, "code_ogr": 300500 + SAVOIR_ETRE.index(label), "coeur_metier": None}
        for label in rng.sample(SAVOIR_ETRE, rng.randint(5, 10))
    ]
    savoirs = [
        {
            "libelle": category,
            "items": [
                {"libelle": label, "code_ogr": ogr, "coeur_metier": None}
                for label, ogr in map(
                    savoir_item, rng.sample(range(SAVOIR_POOL_SIZE), rng.randint(3, 10))
                )
            ],
        }
        for category in rng.sample(SAVOIR_CATEGORIES, rng.randint(3, 6))
    ]
    contexts = [
        {
            "libelle": group,
            "items": [
                {"libelle": label, "code_ogr": CONTEXT_CODES[label]}
                for label in rng.sample(
                    CONTEXT_GROUPS[group], min(rng.randint(2, 6), len(CONTEXT_GROUPS[group]))
                )
            ],
        }
        for group in rng.sample(list(CONTEXT_GROUPS), rng.randint(3, 6))
    ]
    sectors = [
        {"code": f"{SECTORS.index(label) + 1:02d}", "libelle": label, "principal": rank == 0}
        for rank, label in enumerate(rng.sample(SECTORS, rng.randint(1, 3)))
    ]
    # 3-15 other fiches of the export (the code of the fiche itself is left out).
    wanted = min(rng.randint(3, 15), len(codes) - 1)
    targets = [t for t in rng.sample(range(len(codes)), wanted + 1) if t != index][:wanted]
    mobilities = [
        {
            "rome_cible": f"{codes[target]} - {title_for(target)}",
            "code_org_rome_cible": 1000 + target,
            "ordre_mobilite": order,
        }
        for order, target in enumerate(targets, start=1)
    ]
    return {
        "numero": index + 1,
        "rome": {"code_rome": codes[index], "intitule": title_for(index), "code_ogr": 1000 + index},
        "appellations": appellations,
        "definition": text_of(rng, SENTENCES, 400, 900),
        "acces_metier": text_of(rng, ACCESS_SENTENCES, 300, 700),
        "competences": {
            "savoir_faire": {"enjeux": savoir_faire},
            "savoir_etre_professionnel": {
                "enjeux": [{"libelle": "Savoir-être professionnels", "items": savoir_etre}]
            },
            "savoirs": {"categories": savoirs},
        },
        "contextes_travail": contexts,
        "secteurs_activite": sectors,
        "mobilites": mobilities,
    }


def write_export(out: Path, *, fiches: int, seed: int, encoding: str) -> tuple[int, str]:
    """Write the ZIP; return the size of the fiches member and its name."""
    rng = random.Random(seed)
    codes = [code_for(value) for value in sorted(rng.sample(range(len(LETTERS) * 10000), fiches))]
    suffix = "_iso8859-15" if encoding == "iso8859_15" else ""
    member = f"unix_fiche_emploi_metier_v460{suffix}.json"
    ogr_counter = iter(range(10000, 10**9))
    written = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("version.txt", VERSION_TXT.encode(encoding))
        with archive.open(member, "w", force_zip64=True) as stream:
            stream.write(b"[\n")
            for index in range(fiches):
                text = json.dumps(fiche(rng, index, codes, ogr_counter), ensure_ascii=False)
                data = (",\n" if index else "").encode() + text.encode(encoding)
                stream.write(data)
                written += len(data)
            stream.write(b"\n]\n")
    return written + 5, member


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def measure_read(path: Path) -> dict:
    """Open and read every fiche of the export at `path`; counts, seconds and memory."""
    sys.path.insert(0, str(ROOT))
    from careers.rome import open_export

    baseline = current_rss_mib()
    started = time.perf_counter()
    export = open_export(path)
    opened = time.perf_counter()
    count = items = 0
    for rome_fiche in export.fiches():
        count += 1
        items += sum(len(group.items) for group in rome_fiche.savoir_faire)
        items += len(rome_fiche.appellations) + len(rome_fiche.mobilities)
    finished = time.perf_counter()
    return {
        "source": export.source_name,
        "version": export.version,
        "encoding": export.encoding,
        "fiches": count,
        "items": items,
        "open_seconds": opened - started,
        "read_seconds": finished - opened,
        "baseline_rss_mib": baseline,
        "peak_rss_mib": peak_rss_mib(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fiches", type=int, default=1584)
    parser.add_argument("--out", type=Path, help="the ZIP to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--encoding", choices=sorted(ENCODINGS), default="utf-8")
    parser.add_argument("--read", type=Path, help="read this export instead, timed and measured")
    args = parser.parse_args()
    if args.read:
        result = measure_read(args.read)
        print(
            f"{result['source']} (version {result['version']}, {result['encoding']}): "
            f"{result['fiches']} fiches read ({result['items']} items)\n"
            f"  encoding pass {result['open_seconds']:.2f} s, "
            f"reading {result['read_seconds']:.2f} s "
            f"({result['fiches'] / max(result['read_seconds'], 1e-9):,.0f} fiches/s)\n"
            f"  peak RSS {result['peak_rss_mib']:.1f} MiB "
            f"(after imports {result['baseline_rss_mib']:.1f} MiB)"
        )
        return
    if not args.out:
        parser.error("--out is required to write an export (or use --read)")
    if not 1 <= args.fiches <= len(LETTERS) * 10000:
        parser.error(f"--fiches must be between 1 and {len(LETTERS) * 10000}")
    started = time.perf_counter()
    size, member = write_export(
        args.out, fiches=args.fiches, seed=args.seed, encoding=ENCODINGS[args.encoding]
    )
    print(
        f"{args.out}: {args.fiches} fiches in {member} ({size / 2**20:.1f} MiB, "
        f"zip {args.out.stat().st_size / 2**20:.1f} MiB) in {time.perf_counter() - started:.1f} s, "
        f"peak RSS {peak_rss_mib():.1f} MiB"
    )


if __name__ == "__main__":
    main()
