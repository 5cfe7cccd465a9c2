"""The job-sheet parser, on the two seed sheets and on small synthetic texts."""

import re

import pytest

from careers.jobsheet import parse_jobsheet, read_jobsheet
from careers.sections.education import EducationSection
from careers.sections.faq import FaqSection
from careers.sections.missions import MissionsSection
from careers.sections.salary import SalarySection
from careers.sections.skills import ConstraintsSection, HardSkillsSection, SoftSkillsSection
from careers.sections.tools import ToolsSection
from careers.textformat import JobSheetError
from tests.careers.catalogue import LOGISTICS_SHEET as LOGISTICS
from tests.careers.catalogue import RELATIONS_SHEET as RELATIONS


def section(sheet, kind):
    return next(part for part in sheet.sections if isinstance(part, kind))


# --- The seed sheets ----------------------------------------------------------------


@pytest.fixture(scope="module")
def logistics():
    return read_jobsheet(LOGISTICS)


@pytest.fixture(scope="module")
def relations():
    return read_jobsheet(RELATIONS)


def test_head_and_profile(logistics, relations):
    assert logistics.title == "Assistant(e) logistique internationale"
    assert logistics.summary.startswith("L’Assistant(e) logistique internationale assure")
    assert logistics.summary.endswith("à la ponctualité des livraisons.")
    assert logistics.profile.heading == "Profil d'épanouissement"
    assert [(d.label, d.percent, d.hint) for d in logistics.profile.dimensions] == [
        ("Qualité de vie", 65, "Équilibre vie pro/vie perso, charge mentale..."),
        ("Flexibilité", 62, "Liberté dans l’organisation, horaires, autonomie..."),
        ("Stimulation", 77, "Défis intellectuel, opportunités d'apprentissage..."),
        ("Relations humaines", 83, "Collaboration, diversité des interactions..."),
        ("Carrière", 75, "Opportunités, évolutions, montée en compétences..."),
    ]
    assert [d.percent for d in relations.profile.dimensions] == [65, 60, 75, 85, 75]


def test_sections_in_source_order(logistics, relations):
    kinds = [
        MissionsSection,
        SoftSkillsSection,
        HardSkillsSection,
        EducationSection,
        ToolsSection,
        ConstraintsSection,
        SalarySection,
        FaqSection,
    ]
    for sheet in (logistics, relations):
        assert [type(part) for part in sheet.sections] == kinds


def test_headings_as_each_sheet_writes_them(logistics, relations):
    assert section(logistics, ToolsSection).heading == "Les outils"
    assert section(relations, ToolsSection).heading == "Les outils à connaître"
    assert section(logistics, SalarySection).heading == "Salaire et evolution"
    assert section(relations, SalarySection).heading == "Salaire et évolution"
    assert section(logistics, FaqSection).heading == "Questions frequentes"
    assert section(relations, FaqSection).heading == "Questions fréquentes"
    soft = section(logistics, SoftSkillsSection)
    assert (soft.heading, soft.subheading) == (
        "Les Soft Skills",
        "Les compétences liées à la personnalité",
    )


def test_missions_keep_blocks_and_order(logistics, relations):
    raw = LOGISTICS.read_text(encoding="utf-8").splitlines()
    bullets = [line.strip().removeprefix("• ") for line in raw if line.strip().startswith("•")]
    missions = section(logistics, MissionsSection)
    tasks = [task.text for block in missions.blocks for task in block]
    assert [len(block) for block in missions.blocks] == [10] * 10
    assert tasks == bullets[:100]
    assert missions.heading == "Les principales missions"
    assert missions.intro.startswith("Le métier d’Assistant(e) logistique internationale repose")
    assert missions.note == (
        "Ces missions sont typiques pour le métier présenté, mais peuvent varier en fonction "
        "de l'entreprise, du secteur et des produits/services en question."
    )
    other = section(relations, MissionsSection)
    assert sum(len(block) for block in other.blocks) == 100
    assert (
        other.blocks[0][0].text
        == "Coordonner les actions des projets internationaux avec les équipes internes"
    )


def test_soft_skill_note_is_two_lines(logistics):
    soft = section(logistics, SoftSkillsSection)
    assert soft.note == (
        "Notez que les soft skills peuvent légèrement varier en fonction du secteur d'activité, "
        "de la taille et de la culture de l'entreprise, ainsi que du public cible.\n"
        "Dans cette fiche, nous détaillons les principaux soft skills qui correspondent "
        "au métier qui vous est présenté."
    )
    assert soft.skills[0].name == "Rigueur"
    assert soft.skills[0].description.startswith("La rigueur est une soft skill incontournable")


def test_hard_skills(relations):
    hard = section(relations, HardSkillsSection)
    assert [(s.score, s.name, s.keywords) for s in hard.skills][:2] == [
        (90, "Compétences linguistiques", "Multilinguisme, Compréhension, Expression..."),
        (88, "Analyse des risques", "Contraintes, Anticipation, Sécurisation..."),
    ]
    assert hard.subheading == "Les compétences techniques"


def test_education_levels_notes_and_experience(logistics):
    education = section(logistics, EducationSection)
    assert [(lv.name, lv.level_label, lv.ects) for lv in education.levels] == [
        ("BTS", "BAC +2", 120),
        ("BACHELOR", "BAC +3", 180),
        ("MASTERE", "BAC +5", 300),
    ]
    bts, bachelor, master = education.levels
    assert bts.programmes_label == (
        "Les formations proposées\nVoir toutes les formations Bac+2 (3)"
    )
    assert bts.note == ""
    assert bachelor.note.startswith("Les intitulés RNCP peuvent parfois prêter à confusion.")
    assert master.programmes_label == ""
    assert master.career_text.startswith("Le niveau Mastère développe une vision")
    assert education.note == (
        "Il n'est pas necessaire de faire un mastere en Bac +5 pour ce metier.\n\n"
        "Des diplomes de niveau Bac +2 ou Bac +3, tels que les BTS ou Bachelor peuvent vous "
        "fournir les connaissances de base et les competences techniques requises pour ce poste."
    )
    assert education.intro.endswith("pour une exploration plus détaillée.")
    experience = education.experience
    assert (experience.heading, experience.subheading) == (
        "EXPERIENCE PROFESSIONNELLE",
        "PAR LE TRAVAIL",
    )
    assert [path.title for path in experience.paths] == [
        "Expérience en tant qu'Assistant(e) Commercial(e)",
        "Expérience en tant que Coordinateur(trice) Logistique",
        "Expérience en tant qu'Assistant(e) mobilité internationale",
    ]


def test_tools_in_families(relations):
    tools = section(relations, ToolsSection)
    assert [(f.name, [t.name for t in f.tools]) for f in tools.families][3:5] == [
        ("Gestion de la relation client (CRM)", ["HubSpot", "Salesforce", "Zoho CRM"]),
        ("Veille stratégique", ["Digimind", "Meltwater", "Talkwalker"]),
    ]
    assert tools.note.endswith("la définition du rôle occupé par exemple.")
    assert "ne ne sont que des exemples" in tools.note


def test_salary_bands_quote_and_evolution(logistics, relations):
    salary = section(logistics, SalarySection)
    assert [(b.label, b.experience, b.min_eur, b.max_eur, b.period) for b in salary.bands] == [
        ("DÉBUTANT", "- de 3ans", 22000, 26000, "brut par an"),
        ("CONFIRMÉ", "+ de 5 ans", 30000, 34000, "brut par an"),
    ]
    # The non-breaking spaces inside « » are kept as written.
    assert (
        salary.note
        == "«\xa0Il n'y a que dans le dictionnaire que le Salaire vient avant le Travail !\xa0»"
    )
    assert salary.evolution.heading == "EVOLUTION DE CARRIERE"
    assert salary.evolution.intro.count("\n\n") == 4
    assert salary.evolution.intro.startswith("Plusieurs voies sont possibles.")
    other = section(relations, SalarySection)
    assert [(b.min_eur, b.max_eur) for b in other.bands] == [(30000, 35000), (40000, 60000)]
    assert "internationale\xa0par exemple." in other.evolution.intro


def test_faq(logistics):
    faq = section(logistics, FaqSection)
    assert len(faq.entries) == 6
    assert faq.entries[0].question == (
        "Quelle est la mission principale d’un(e) Assistant(e) logistique internationale ?"
    )
    assert faq.entries[-1].answer.endswith("un environnement dynamique et stimulant.")


STRUCTURE_ONLY = re.compile(r"^(#.*|Réponse :)$")


@pytest.mark.parametrize("path", [LOGISTICS, RELATIONS], ids=lambda p: p.stem)
def test_every_line_of_the_seed_is_kept(path):
    """Each line is a statement, a structured line rebuilt from fields, or a known drop."""
    sheet = read_jobsheet(path)
    statements = "\n".join(sheet.statements())
    rebuilt = set()
    for d in sheet.profile.dimensions:
        rebuilt.add(f"{d.label} {d.percent}%")
    for part in sheet.sections:
        if isinstance(part, HardSkillsSection):
            rebuilt |= {f"{s.score} | {s.name}" for s in part.skills}
        if isinstance(part, EducationSection):
            rebuilt |= {f"{lv.level_label} | ({lv.ects} crédits ECTS)" for lv in part.levels}
        if isinstance(part, SalarySection):
            rebuilt |= {f"{b.label} ({b.experience})" for b in part.bands}
            rebuilt |= {f"De {b.min_eur}€ à {b.max_eur}€ {b.period}" for b in part.bands}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip().removeprefix("• ")
        if not line or STRUCTURE_ONLY.match(line) or line == sheet.title:
            continue
        assert line in rebuilt or line in statements, f"line {number} lost: {line[:60]!r}"


# --- Synthetic sheets ------------------------------------------------------------------

HEAD = """Cariste export
Le/la cariste export charge les conteneurs.
Profil d'épanouissement
Qualité de vie 50%
Équilibre vie pro/vie perso...
Flexibilité 40%
Horaires...
Stimulation 30%
Défis...
Relations humaines 20%
Collaboration...
Carrière 10%
Évolutions...
"""
SECTIONS = {
    "MISSIONS": """#MISSIONS

Les principales missions

Le métier repose sur le chargement.

Ces missions sont typiques pour le métier présenté.

  • Charger les conteneurs
  • Sangler les palettes

  • Ranger le quai
""",
    "SOFTSKILLS": """#SOFTSKILLS

Les Soft Skills

Cariste export

Les compétences liées à la personnalité

La rigueur compte.

Notez que les soft skills varient.
Rigueur

La rigueur évite les chutes.

Communication

La communication évite les erreurs.
""",
    "HARDSKILLS": """#HARDSKILLS

Les Hard Skills

Les compétences techniques

Le métier mobilise la conduite.

90 | Conduite de chariot
Sécurité, précision...
""",
    "FORMATIONS": """#FORMATIONS

Le parcours scolaire et les diplômes

Il existe des formations.

CAP

BAC +0 | (0 crédits ECTS)

Le CAP est un diplôme.

Le CAP suffit pour ce métier.

EXPERIENCE PROFESSIONNELLE

PAR LE TRAVAIL
Il faut de l'expérience.

Expérience en tant que Magasinier(ère)

Une expérience utile.
""",
    "OUTILS": """#OUTILS

Les outils

Le métier utilise des outils.

Il convient de souligner que ce sont des exemples.
Logistique
  • SAP EWM
  • Reflex WMS
Logistique

Ces outils suivent les stocks.
""",
    "CONTRAINTES": """#CONTRAINTES

Les contraintes

Le métier a des contraintes.

Les contraintes décrites ici varient.
Froid

Les entrepôts sont froids.
""",
    "SALAIRE": """#SALAIRE

Salaire et evolution

La rémunération varie.

DÉBUTANT (- de 3ans)

De 21000€ à 23000€ brut par an

« Citation ! »

EVOLUTION DE CARRIERE

Il/elle peut devenir chef(fe) de quai.
""",
    "FAQ": """#FAQ

Questions frequentes

Cette FAQ aide.

Faut-il un permis ?

Réponse :

Oui, le CACES.
""",
}


def sheet_text(*names: str, head: str = HEAD) -> str:
    return head + "".join(SECTIONS[name] for name in names)


def parse(text: str):
    return parse_jobsheet(text, source="fiche.txt")


def test_a_sheet_with_every_section():
    sheet = parse(sheet_text(*SECTIONS))
    assert sheet.title == "Cariste export"
    missions = section(sheet, MissionsSection)
    assert [[t.text for t in block] for block in missions.blocks] == [
        ["Charger les conteneurs", "Sangler les palettes"],
        ["Ranger le quai"],
    ]
    soft = section(sheet, SoftSkillsSection)
    assert soft.subheading == "Les compétences liées à la personnalité"
    assert (soft.intro, soft.note) == ("La rigueur compte.", "Notez que les soft skills varient.")
    assert [s.name for s in soft.skills] == ["Rigueur", "Communication"]
    education = section(sheet, EducationSection)
    assert education.levels[0].career_text == "Le CAP suffit pour ce métier."
    assert education.experience.paths[0].title == "Expérience en tant que Magasinier(ère)"
    tools = section(sheet, ToolsSection)
    assert [t.name for t in tools.families[0].tools] == ["SAP EWM", "Reflex WMS"]
    assert section(sheet, FaqSection).entries[0].answer == "Oui, le CACES."


def test_crlf_bom_and_non_breaking_spaces():
    text = sheet_text("MISSIONS", "SALAIRE").replace(
        "Qualité de vie 50%", "Qualité de vie\xa050\xa0%"
    )
    text = text.replace("De 21000€ à 23000€", "De 21\u202f000\xa0€ à 23\xa0000\xa0€")
    sheet = parse("\ufeff" + text.replace("\n", "\r\n"))
    assert sheet.title == "Cariste export"
    assert sheet.profile.dimensions[0].label == "Qualité de vie"
    assert sheet.profile.dimensions[0].percent == 50
    band = section(sheet, SalarySection).bands[0]
    assert (band.min_eur, band.max_eur, band.period) == (21000, 23000, "brut par an")
    assert section(sheet, MissionsSection).blocks[1][0].text == "Ranger le quai"


def test_sections_in_another_order_and_missing_ones():
    sheet = parse(sheet_text("FAQ", "HARDSKILLS", "MISSIONS"))
    assert [type(part) for part in sheet.sections] == [
        FaqSection,
        HardSkillsSection,
        MissionsSection,
    ]
    assert parse(HEAD).sections == ()


def test_other_section_names():
    text = sheet_text("FORMATIONS", "SALAIRE")
    text = text.replace("#FORMATIONS", "#PARCOURS / DIPLÔMES").replace(
        "#SALAIRE", "#SALAIRE ET ÉVOLUTION"
    )
    sheet = parse(text)
    assert [type(part) for part in sheet.sections] == [EducationSection, SalarySection]


@pytest.mark.parametrize("bullet", ["- ", "", "•"])
def test_dash_bullets_or_none(bullet):
    sheet = parse(sheet_text("MISSIONS", "OUTILS").replace("• ", bullet))
    missions = section(sheet, MissionsSection)
    assert [t.text for t in missions.blocks[0]] == [
        "Charger les conteneurs",
        "Sangler les palettes",
    ]
    assert missions.note == "Ces missions sont typiques pour le métier présenté."
    tools = section(sheet, ToolsSection)
    assert [t.name for t in tools.families[0].tools] == ["SAP EWM", "Reflex WMS"]
    assert tools.families[0].description == "Ces outils suivent les stocks."


def test_profile_printed_once_or_twice_identically():
    profile_block = HEAD.split("\n", 2)[2]
    twice = parse(HEAD + profile_block + SECTIONS["FAQ"])
    assert twice.profile == parse(HEAD + SECTIONS["FAQ"]).profile
    assert len(twice.profile.dimensions) == 5


def test_a_differing_copy_of_the_profile_is_refused():
    profile_block = HEAD.split("\n", 2)[2].replace("Stimulation 30%", "Stimulation 35%")
    with pytest.raises(JobSheetError) as caught:
        parse(HEAD + profile_block)
    assert str(caught.value).startswith(
        "fiche.txt:19: profil d'épanouissement répété avec d'autres valeurs"
    )
    assert "(attendu : une copie identique du bloc de la ligne 3)" in str(caught.value)


def test_faq_answer_on_the_marker_line():
    text = sheet_text("FAQ").replace("Réponse :\n\nOui, le CACES.", "Réponse : Oui, le CACES.")
    assert section(parse(text), FaqSection).entries[0].answer == "Oui, le CACES."


# --- Errors ---------------------------------------------------------------------------


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def refused(text: str) -> str:
    with pytest.raises(JobSheetError) as caught:
        parse(text)
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "needle", "message"),
    [
        ("#MISSIONS\nLes missions\n", "#MISSIONS", "pas d'intitulé"),
        ("Profil d'épanouissement\nQualité de vie 50%\n", "Profil", "pas d'intitulé"),
        (
            sheet_text() + "#HARDSKILLS\n\nLes Hard Skills\n\nIntro.\n",
            "#HARDSKILLS",
            "aucune hard skill",
        ),
        (sheet_text() + "#CONTRAINTES\n\n", "#CONTRAINTES", "vide"),
        (
            sheet_text("HARDSKILLS").replace("90 |", "140 |"),
            "140 |",
            "score de hard skill 140 supérieur à 100",
        ),
        (HEAD.replace("Stimulation 30%", "Stimulation 140%"), "Stimulation", "pourcentage 140"),
        (
            sheet_text("SALAIRE").replace("De 21000€ à 23000€", "De 29000€ à 23000€"),
            "De 29000€",
            "minimum 29000 supérieur au maximum 23000",
        ),
        (
            sheet_text("SALAIRE").replace("De 21000€ à 23000€", "Environ 21000€"),
            "Environ",
            "montants illisibles pour 'DÉBUTANT (- de 3ans)'",
        ),
        (
            sheet_text("FAQ") + "#RECRUTEURS\n\nDes entreprises.\n",
            "#RECRUTEURS",
            "section inconnue",
        ),
        (sheet_text("FAQ", "FAQ"), SECTIONS["FAQ"] + "#FAQ", "en double"),
        (sheet_text("FAQ").removesuffix("Oui, le CACES.\n"), "Faut-il", "sans réponse"),
        (
            sheet_text("CONTRAINTES").removesuffix("Les entrepôts sont froids.\n"),
            "Froid",
            "sans description",
        ),
        (
            sheet_text("HARDSKILLS").removesuffix("Sécurité, précision...\n"),
            "90 |",
            "sans mots-clés",
        ),
        (
            sheet_text("MISSIONS") + "Une phrase qui conclut.\n",
            "Une phrase",
            "une phrase parmi les tâches",
        ),
    ],
    ids=[
        "no-title",
        "profile-first",
        "nothing-parseable",
        "empty-section",
        "score-140",
        "percent-140",
        "min-above-max",
        "amount-unreadable",
        "unknown-section",
        "section-twice",
        "truncated-faq",
        "truncated-constraint",
        "truncated-hard-skill",
        "prose-among-tasks",
    ],
)
def test_errors_name_file_line_and_expectation(text, needle, message):
    error = refused(text)
    expected_line = line_of(text, needle) + needle.count("\n")
    assert error.startswith(f"fiche.txt:{expected_line}: "), error
    assert message in error
    assert "(attendu : " in error


def test_error_str_is_path_line_message():
    error = JobSheetError("a/b.txt", 12, "problème (attendu : solution)")
    assert str(error) == "a/b.txt:12: problème (attendu : solution)"
    assert (error.source, error.line) == ("a/b.txt", 12)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "fichier vide"),
        (b"\xef\xbb\xbf \n\n", "fichier vide"),
        ("Cariste\nLe métier.\n".encode("latin-1"), "l'octet 0xE9 n'est pas de l'UTF-8"),
        ("Cariste\nLe métier.\n".encode("utf-16"), "UTF-16"),
        ("Cariste\nLe métier.\n".encode("utf-16-le"), "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binaire"),
        ("Cariste\nLe m\u00e9".encode()[:-1], "n'est pas de l'UTF-8"),
    ],
    ids=["empty", "bom-only", "latin-1", "utf-16", "utf-16-no-bom", "binary", "cut-in-a-char"],
)
def test_files_that_are_not_utf8_text(tmp_path, content, message):
    path = tmp_path / "fiche.txt"
    path.write_bytes(content)
    with pytest.raises(JobSheetError) as caught:
        read_jobsheet(path)
    assert str(caught.value).startswith(f"{path}:")
    assert message in str(caught.value)
