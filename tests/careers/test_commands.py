"""load_catalog and import_jobsheet: every seed statement reaches the database, or nothing does."""

import io
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from careers.models import (
    Career,
    CareerSection,
    CareerSkill,
    EducationLevel,
    ExperiencePath,
    FaqEntry,
    FulfilmentScore,
    MissionBlock,
    SalaryBand,
    SectionKind,
    ToolGroup,
)
from careers.usage import SkillUsage
from skills.models import Skill, SkillKind
from tests.careers.catalogue import (
    EDUCATION,
    LOGISTICS_CONSTRAINTS,
    LOGISTICS_SALARIES,
    LOGISTICS_SOFT,
    RELATIONS_CONSTRAINTS,
    RELATIONS_SALARIES,
    RELATIONS_SOFT,
    SALARY_LEVELS,
)
from tests.careers.catalogue import LOGISTICS_SHEET as LOGISTICS
from tests.careers.catalogue import RELATIONS_SHEET as RELATIONS

pytestmark = pytest.mark.django_db

APPS = ("careers", "skills", "certifications")


def salary_bands(salaries: list[tuple[int, int]]) -> list[tuple]:
    return [
        (label, experience, low, high, "brut par an")
        for (label, experience), (low, high) in zip(SALARY_LEVELS, salaries, strict=True)
    ]


# What a reader of the two sheets can count by hand.
EXPECTED = {
    LOGISTICS: {
        "slug": "assistante-logistique-internationale",
        "soft": LOGISTICS_SOFT,
        "constraints": LOGISTICS_CONSTRAINTS,
        "bands": salary_bands(LOGISTICS_SALARIES),
    },
    RELATIONS: {
        "slug": "chargee-de-mission-relations-internationales",
        "soft": RELATIONS_SOFT,
        "constraints": RELATIONS_CONSTRAINTS,
        "bands": salary_bands(RELATIONS_SALARIES),
    },
}


# --- Reading the seed text directly, independently of the parser ----------------------


def raw_sections(path: Path) -> dict[str, list[str]]:
    """Stripped lines under each "#" line, keyed by the section's first word."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            current = sections.setdefault(line[1:].split()[0], [])
        else:
            current.append(line)
    return sections


def after(lines: list[str], index: int) -> str:
    """The next non-blank line after `index`."""
    return next(line for line in lines[index + 1 :] if line)


def named_pairs(lines: list[str], names: list[str]) -> list[tuple[str, str]]:
    return [(name, after(lines, lines.index(name))) for name in names]


def bullet_blocks(lines: list[str]) -> list[list[str]]:
    blocks, current = [], []
    for line in lines:
        if line.startswith("• "):
            current.append(line.removeprefix("• "))
        elif current:
            blocks.append(current)
            current = []
    return [*blocks, current] if current else blocks


# --- What the database holds ------------------------------------------------------


def usage_by_slug() -> dict[str, int]:
    return dict(SkillUsage.objects.values_list("skill__slug", "careers"))


def catalogue_rows() -> list[str]:
    """Every row of the three apps, by natural keys, in a canonical order.

    Serialised as dumpdata writes JSON, so times carry milliseconds, as a dump does.
    """
    rows = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model is SkillUsage:
                continue  # keyed by the item's id: usage_by_slug()
            dumped = serializers.serialize(
                "json",
                model._default_manager.all(),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
            for item in json.loads(dumped):
                item.pop("pk", None)
                for name, value in item["fields"].items():
                    if isinstance(value, list):
                        item["fields"][name] = sorted(value, key=json.dumps)
                rows.append(json.dumps(item, sort_keys=True, ensure_ascii=False))
    return sorted(rows)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for label in APPS
        for model in apps.get_app_config(label).get_models()
    }


def career_text(career: Career) -> str:
    """Every text the database holds for one career."""
    parts = [career.title, career.summary]
    for model in (CareerSection, FulfilmentScore, EducationLevel, ExperiencePath, SalaryBand):
        for row in model.objects.filter(career=career).values():
            parts += [str(value) for value in row.values()]
    parts += FaqEntry.objects.filter(career=career).values_list("question", flat=True)
    parts += FaqEntry.objects.filter(career=career).values_list("answer", flat=True)
    for block in MissionBlock.objects.filter(career=career).prefetch_related("missions"):
        parts += [mission.text for mission in block.missions.all()]
    for group in ToolGroup.objects.filter(career=career).select_related("family"):
        parts += [group.family.name, group.description]
    for link in career.skill_links.select_related("skill"):
        parts += [
            link.skill.name,
            link.description,
            link.keywords,
            f"{link.score} | {link.skill.name}",
        ]
    for band in SalaryBand.objects.filter(career=career):
        parts.append(f"{band.label} ({band.experience})")
        parts.append(f"De {band.min_eur}€ à {band.max_eur}€ {band.period}")
    for level in EducationLevel.objects.filter(career=career):
        parts.append(f"{level.level_label} | ({level.ects} crédits ECTS)")
    for score in FulfilmentScore.objects.filter(career=career):
        parts.append(f"{score.get_dimension_display()} {score.percent}%")
    return "\n".join(parts)


def links(career: Career, kind: str):
    return career.skill_links.filter(skill__kind=kind).select_related("skill").order_by("position")


# --- load_catalog: every statement, item by item --------------------------------------


@pytest.mark.parametrize("path", [LOGISTICS, RELATIONS], ids=lambda path: path.stem)
def test_every_seed_statement_is_in_the_database(catalogue, path):
    expected = EXPECTED[path]
    raw = raw_sections(path)
    career = Career.objects.get(slug=expected["slug"])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert (career.title, career.summary) == (lines[0], lines[1])
    assert career.source_name == path.name

    # Missions: 10 blocks of 10 tasks, in order.
    blocks = [
        list(block.missions.order_by("position").values_list("text", flat=True))
        for block in MissionBlock.objects.filter(career=career).order_by("position")
    ]
    assert blocks == bullet_blocks(raw["MISSIONS"])
    assert sum(len(block) for block in blocks) == 100

    # Soft skills and constraints, each with its own description.
    soft = [(link.skill.name, link.description) for link in links(career, SkillKind.SOFT)]
    assert soft == named_pairs(raw["SOFTSKILLS"], expected["soft"])
    constraints = [
        (link.skill.name, link.description) for link in links(career, SkillKind.CONSTRAINT)
    ]
    assert constraints == named_pairs(raw["CONTRAINTES"], expected["constraints"])

    # Hard skills: score, name, keywords.
    hard_lines = raw["HARDSKILLS"]
    hard = [
        (int(match[1]), match[2], after(hard_lines, index))
        for index, line in enumerate(hard_lines)
        if (match := re.match(r"^(\d+) \| (.+)$", line))
    ]
    assert len(hard) == 6
    assert [
        (link.score, link.skill.name, link.keywords) for link in links(career, SkillKind.HARD)
    ] == hard

    # Tools, in their families, each family with its description.
    tool_lines = raw["OUTILS"]
    families = []
    for index, line in enumerate(tool_lines):
        starts_family = line and not line.startswith("•") and index + 1 < len(tool_lines)
        if starts_family and tool_lines[index + 1].startswith("•"):
            tools = []
            cursor = index + 1
            while tool_lines[cursor].startswith("• "):
                tools.append(tool_lines[cursor].removeprefix("• "))
                cursor += 1
            assert tool_lines[cursor] == line  # the family name printed again
            families.append((line, tools, after(tool_lines, cursor)))
    assert len(families) == 6
    groups = ToolGroup.objects.filter(career=career).select_related("family").order_by("position")
    assert [
        (
            group.family.name,
            list(group.tools.order_by("position").values_list("skill__name", flat=True)),
            group.description,
        )
        for group in groups
    ] == families

    # Salary bands, the quote, the career evolution.
    bands = SalaryBand.objects.filter(career=career).order_by("position")
    assert [
        (band.label, band.experience, band.min_eur, band.max_eur, band.period) for band in bands
    ] == expected["bands"]
    salary_lines = raw["SALAIRE"]
    salary = CareerSection.objects.get(career=career, kind=SectionKind.SALARY)
    assert salary.note == next(line for line in salary_lines if line.startswith("«"))
    evolution = CareerSection.objects.get(career=career, kind=SectionKind.EVOLUTION)
    start = salary_lines.index("EVOLUTION DE CARRIERE")
    assert evolution.intro.split("\n\n") == [line for line in salary_lines[start + 1 :] if line]

    # Education levels, with both texts and the programmes label.
    education_lines = raw.get("FORMATIONS") or raw["PARCOURS"]
    levels = EducationLevel.objects.filter(career=career).order_by("position")
    assert [(lv.name, lv.level_label, lv.ects) for lv in levels] == EDUCATION
    for level in levels:
        index = education_lines.index(level.name)
        description_index = education_lines.index(after(education_lines, index + 2), index)
        assert level.description == education_lines[description_index]
        assert level.career_text == after(education_lines, description_index)
    bts, bachelor, _ = levels
    assert bts.programmes_label == "Les formations proposées\nVoir toutes les formations Bac+2 (3)"
    assert bachelor.note.startswith("Les intitulés RNCP peuvent parfois prêter à confusion.")
    assert bachelor.programmes_label.endswith("Voir toutes les formations Bac+3 (3)")
    education = CareerSection.objects.get(career=career, kind=SectionKind.EDUCATION)
    assert education.note.startswith("Il n'est pas necessaire de faire un mastere")

    # Experience paths.
    paths = [
        (line, after(education_lines, index))
        for index, line in enumerate(education_lines)
        if line.startswith("Expérience en tant")
    ]
    assert len(paths) == 3
    assert [
        (path.title, path.description)
        for path in ExperiencePath.objects.filter(career=career).order_by("position")
    ] == paths
    experience = CareerSection.objects.get(career=career, kind=SectionKind.EXPERIENCE)
    assert (experience.heading, experience.subheading) == (
        "EXPERIENCE PROFESSIONNELLE",
        "PAR LE TRAVAIL",
    )

    # Every question with its answer.
    faq_lines = raw["FAQ"]
    pairs = [
        (line, after(faq_lines, index + 2))
        for index, line in enumerate(faq_lines)
        if index + 2 < len(faq_lines) and faq_lines[index + 2] == "Réponse :"
    ]
    assert len(pairs) == 6
    assert [
        (entry.question, entry.answer)
        for entry in FaqEntry.objects.filter(career=career).order_by("position")
    ] == pairs

    # And every other line (headings, introductions, notes): nothing dropped.
    stored = career_text(career)
    for number, raw_line in enumerate(lines, start=1):
        line = raw_line.strip().removeprefix("• ")
        if line and not line.startswith("#") and line != "Réponse :":
            assert line in stored, f"{path.name}:{number} missing: {line[:60]!r}"


def test_the_vocabulary_is_shared_across_the_catalogue(catalogue):
    for kind, name in [
        (SkillKind.SOFT, "Communication"),
        (SkillKind.TOOL, "HubSpot"),
        (SkillKind.TOOL, "Zoho CRM"),
        (SkillKind.CONSTRAINT, "Multilinguisme"),
    ]:
        assert Skill.objects.filter(name=name).count() == 1
        assert Skill.objects.get(name=name).kind == kind
    meltwater = CareerSkill.objects.filter(skill__name="Meltwater")
    assert meltwater.count() == 2
    assert meltwater.values("tool_group__family").distinct().count() == 2


def test_load_catalog_reports_then_a_second_run_changes_nothing(catalogue):
    assert "2 créée(s)" in catalogue
    assert "Certifications : " in catalogue
    before = catalogue_rows()
    stamps = list(Career.objects.values_list("updated_at", flat=True))

    out = io.StringIO()
    call_command("load_catalog", stdout=out)

    assert "0 créée(s), 0 mise(s) à jour, 2 inchangée(s)" in out.getvalue()
    assert "Certifications" in out.getvalue()
    assert "contenu inchangé." in out.getvalue()
    assert catalogue_rows() == before
    assert list(Career.objects.values_list("updated_at", flat=True)) == stamps


# A real transaction: flush empties every table, which PostgreSQL refuses inside the test's
# transaction while the deferred foreign-key checks of the catalogue's inserts are pending.
@pytest.mark.django_db(transaction=True)
def test_dumpdata_reloaded_into_an_empty_database_reproduces_the_catalogue(catalogue, tmp_path):
    before, usage = catalogue_rows(), usage_by_slug()
    dump = tmp_path / "catalogue.json"
    # The counts the database keeps (careers.usage) are left out: loading the links and
    # the careers counts them again.
    call_command(
        "dumpdata",
        *APPS,
        exclude=["careers.SkillUsage"],
        natural_foreign=True,
        natural_primary=True,
        output=str(dump),
        verbosity=0,
    )
    call_command("flush", interactive=False, verbosity=0)
    assert not Career.objects.exists()
    assert not Skill.objects.exists()

    call_command("loaddata", str(dump), verbosity=0)

    assert catalogue_rows() == before
    assert usage_by_slug() == usage


# --- import_jobsheet --------------------------------------------------------------------


def test_import_jobsheet_prints_the_report(tmp_path):
    out = io.StringIO()
    call_command("import_jobsheet", str(LOGISTICS), str(RELATIONS), stdout=out)
    assert (
        "Assistant(e) logistique internationale (assistante-logistique-internationale) : créée"
        in out.getvalue()
    )
    assert Career.objects.count() == 2

    out = io.StringIO()
    call_command("import_jobsheet", str(LOGISTICS), stdout=out)
    assert out.getvalue().strip().endswith(": inchangée")


def test_dry_run_writes_nothing():
    out = io.StringIO()
    call_command("import_jobsheet", str(LOGISTICS), "--dry-run", stdout=out)
    assert "créée — sections +11" in out.getvalue()
    assert "rien n'a été enregistré" in out.getvalue()
    assert not any(row_counts().values())


def test_reimport_of_an_edited_file_updates_in_place(tmp_path):
    call_command("import_jobsheet", str(LOGISTICS), str(RELATIONS), stdout=io.StringIO())
    career = Career.objects.get(slug="assistante-logistique-internationale")
    edited = tmp_path / LOGISTICS.name
    text = LOGISTICS.read_text(encoding="utf-8")
    faq_start = text.index("#FAQ")
    edited.write_text(text[:faq_start].replace("De 22000€ à 26000€", "De 23000€ à 26000€"), "utf-8")

    out = io.StringIO()
    call_command("import_jobsheet", str(edited), stdout=out)

    report = out.getvalue()
    assert ": mise à jour" in report
    assert "salaires +1 −1" in report
    assert "questions fréquentes +0 −6" in report
    assert Career.objects.get(slug=career.slug).pk == career.pk
    assert not FaqEntry.objects.filter(career=career).exists()
    assert FaqEntry.objects.count() == 6  # the other career's
    assert SalaryBand.objects.filter(career=career, min_eur=23000).exists()


def latin1(path: Path) -> bytes:
    return path.read_text(encoding="utf-8").encode("latin-1", errors="replace")


def logistics_text() -> str:
    return LOGISTICS.read_text(encoding="utf-8")


def constraints_without_items() -> str:
    text = logistics_text()
    start, end = text.index("#CONTRAINTES"), text.index("#SALAIRE")
    return (
        text[:start]
        + "#CONTRAINTES\n\nLes contraintes\n\nLe métier a des contraintes.\n\n"
        + text[end:]
    )


def cut_in_last_accent() -> bytes:
    data = logistics_text().encode()
    return data[: data.rindex("é".encode()) + 1]


MALFORMED = {
    # name: (content, line named in the message, what the message says)
    "no-title": (b"#MISSIONS\n\nLes principales missions\n", 1, "pas d'intitulé"),
    "nothing-parseable": (constraints_without_items().encode(), 343, "aucune contrainte"),
    "score-140": (
        logistics_text().replace("90 | Chaîne", "140 | Chaîne").encode(),
        203,
        "score de hard skill 140 supérieur à 100",
    ),
    "min-above-max": (
        logistics_text().replace("De 22000€ à 26000€", "De 28000€ à 26000€").encode(),
        400,
        "minimum 28000 supérieur au maximum 26000",
    ),
    "unknown-section": (
        logistics_text().replace("#FAQ", "#RECRUTEURS\n\nDes entreprises.\n\n#FAQ").encode(),
        420,
        "section inconnue '#RECRUTEURS'",
    ),
    "unknown-dimension": (
        logistics_text().replace("Carrière 75%", "Salaire 75%").encode(),
        12,
        "dimension d'épanouissement inconnue 'Salaire'",
    ),
    "latin-1": (latin1(LOGISTICS), 2, "n'est pas de l'UTF-8"),
    "utf-16": (logistics_text().encode("utf-16"), 1, "UTF-16"),
    "empty": (b"", 1, "fichier vide"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", 3, "binaire"),
    "truncated-after-answer": (
        logistics_text()[: logistics_text().rindex("Réponse :") + len("Réponse :")].encode(),
        458,
        "sans réponse",
    ),
    "truncated-in-a-character": (cut_in_last_accent(), 462, "n'est pas de l'UTF-8"),
}


@pytest.mark.parametrize("case", MALFORMED, ids=str)
def test_malformed_input_changes_nothing_and_names_file_and_line(case, tmp_path):
    call_command("import_jobsheet", str(LOGISTICS), str(RELATIONS), stdout=io.StringIO())
    before = row_counts()
    content, line, message = MALFORMED[case]
    bad = tmp_path / "fiche.txt"
    bad.write_bytes(content)
    # A good, edited file before the bad one: it must not be written either.
    good = tmp_path / RELATIONS.name
    good.write_text(RELATIONS.read_text(encoding="utf-8").replace("Diplomatie", "Tact"), "utf-8")

    with pytest.raises(CommandError) as caught:
        call_command("import_jobsheet", str(good), str(bad), stdout=io.StringIO())

    error = str(caught.value)
    assert error.startswith(f"{bad}:{line}: "), error
    assert message in error
    assert "(attendu : " in error
    assert row_counts() == before
    assert not Skill.objects.filter(name="Tact").exists()


def test_a_failing_import_exits_non_zero(tmp_path, capsys):
    bad = tmp_path / "fiche.txt"
    bad.write_bytes(b"")
    with pytest.raises(SystemExit) as caught:
        execute_from_command_line(["manage.py", "import_jobsheet", str(bad)])
    assert caught.value.code == 1
    assert f"{bad}:1: fichier vide" in capsys.readouterr().err
