"""The job sheet (/metiers/<slug>/), as a reader sees it."""

import html
import itertools
import json
import re

import pytest
from django.conf import settings
from django.test import Client

from careers.jobsheet import read_jobsheet
from careers.models import Career, Dimension, SectionKind
from careers.sections import SHEET_KINDS
from certifications.models import CertificationKind
from skills.models import SkillKind
from tests import factories as f
from tests.careers.catalogue import SECTION_ORDER
from tests.pages import NBSP, NNBSP, text_of, text_of_html, without_tokens

LIST_URL = "/metiers/"


def career(title: str, **kwargs) -> Career:
    return f.CareerFactory(title=title, **kwargs)


# --- The job sheet ------------------------------------------------------------------------------


def build_sheet(title: str = "Assistant(e) logistique internationale", items: int = 2) -> Career:
    """A full sheet: every section with its words and `items` rows each."""
    sheet = career(title, summary="L’Assistant(e) coordonne les flux de marchandises.")
    for position, kind in enumerate(SECTION_ORDER):
        f.CareerSectionFactory(
            career=sheet,
            kind=kind,
            position=position,
            heading=f"Titre {kind}",
            subheading=f"Sous-titre {kind}",
            intro=f"Introduction {kind}, premier paragraphe.\n\nIntroduction {kind}, second.",
            note=f"Note {kind}.",
        )
    for position, dimension in enumerate(
        Dimension.values[:items] if items <= 5 else Dimension.values
    ):
        f.FulfilmentScoreFactory(
            career=sheet,
            position=position,
            dimension=dimension,
            percent=60 + position,
            hint=f"Indication {dimension}",
        )
    for block_position in range(items):
        block = f.MissionBlockFactory(career=sheet, position=block_position)
        for position in range(items):
            f.MissionFactory(
                block=block, position=position, text=f"Mission {block_position}-{position}"
            )
    link_position = 0
    for number in range(items):
        skill = f.SkillFactory(name=f"Soft {number} {title[:5]}", kind=SkillKind.SOFT)
        f.CareerSkillFactory(
            career=sheet,
            skill=skill,
            position=link_position,
            description=f"Pourquoi soft {number}.",
        )
        link_position += 1
        skill = f.SkillFactory(name=f"Hard {number} {title[:5]}", kind=SkillKind.HARD)
        f.HardSkillLinkFactory(
            career=sheet,
            skill=skill,
            position=link_position,
            score=70 + number,
            keywords=f"Mots {number}, clés...",
        )
        link_position += 1
        skill = f.SkillFactory(name=f"Contrainte {number} {title[:5]}", kind=SkillKind.CONSTRAINT)
        f.ConstraintLinkFactory(
            career=sheet,
            skill=skill,
            position=link_position,
            description=f"Pourquoi contrainte {number}.",
        )
        link_position += 1
        group = f.ToolGroupFactory(
            career=sheet,
            position=number,
            family=f.ToolFamilyFactory(name=f"Famille {number} {title[:5]}"),
            description=f"Description famille {number}.",
        )
        for tool_number in range(items):
            skill = f.SkillFactory(
                name=f"Outil {number}-{tool_number} {title[:5]}", kind=SkillKind.TOOL
            )
            f.ToolLinkFactory(career=sheet, skill=skill, position=link_position, tool_group=group)
            link_position += 1
        f.EducationLevelFactory(
            career=sheet,
            position=number,
            name=f"Diplôme {number}",
            level_label=f"BAC +{2 + number}",
            ects=min(120 + 60 * number, 600),
            description=f"Présentation {number}.",
            career_text=f"Pour ce métier {number}.",
            note=f"Note diplôme {number}.",
            programmes_label=(
                f"Les formations proposées\nVoir toutes les formations Bac+{2 + number} (3)"
            ),
        )
        f.ExperiencePathFactory(
            career=sheet,
            position=number,
            title=f"Expérience {number}",
            description=f"Parcours {number}.",
        )
        f.SalaryBandFactory(
            career=sheet,
            position=number,
            label=f"NIVEAU {number}",
            experience=f"{number} ans",
            min_eur=22000 + 8000 * number,
            max_eur=26000 + 8000 * number,
        )
        f.FaqEntryFactory(
            career=sheet,
            position=number,
            question=f"Question {number} ?",
            answer=f"Réponse {number}, début.\n\nRéponse {number}, fin.",
        )
    return sheet


@pytest.mark.django_db
def test_sheet_shows_every_statement(client):
    sheet = build_sheet()
    response = client.get(sheet.get_absolute_url())
    assert response.status_code == 200
    text = text_of(response)
    expected = [
        sheet.title,
        sheet.summary,
        "Qualité de vie 60 % Indication qualite_de_vie",
        "Flexibilité 61 %",
        "Mission 0-0",
        "Mission 1-1",
        "Soft 0 Assis",
        "Pourquoi soft 1.",
        "Hard 1 Assis 71/100 Mots 1, clés...",
        "Famille 0 Assis Outil 0-0 Assis Outil 0-1 Assis Description famille 0.",
        "Contrainte 1 Assis Pourquoi contrainte 1.",
        "Diplôme 1 BAC +3 · 180 crédits ECTS Présentation 1. Pour ce métier 1. Note diplôme 1. "
        "Les formations proposées Voir toutes les formations Bac+3 (3)",
        "Expérience 0 Parcours 0.",
        "NIVEAU 1 1 ans De 30 000 € à 34 000 € brut par an",
        "Question 1 ? Réponse 1, début. Réponse 1, fin.",
    ]
    for kind in SHEET_KINDS:
        expected += [
            f"Titre {kind}",
            f"Sous-titre {kind}",
            f"Introduction {kind}, second.",
            f"Note {kind}.",
        ]
    for statement in expected:
        assert statement in text, statement


@pytest.mark.django_db
def test_sections_follow_the_source_order_with_a_table_of_contents(client):
    sheet = build_sheet()
    # Hard skills moved to the end of the source; fulfilment always comes first.
    sheet.careersection_set.filter(kind=SectionKind.FULFILMENT).update(position=50)
    sheet.careersection_set.filter(kind=SectionKind.HARD_SKILLS).update(position=51)
    page = client.get(sheet.get_absolute_url()).content.decode()
    anchors = re.findall(r'<section id="([a-z-]+)"', page)
    assert anchors[:3] == ["epanouissement", "missions", "soft-skills"]
    assert anchors[-1] == "hard-skills"
    assert len(anchors) == len(SHEET_KINDS)
    toc = re.search(r'<nav class="toc[^"]*".*?</nav>', page, re.S)[0]
    assert re.findall(r'href="#([a-z-]+)"', toc) == anchors
    headings = re.findall(r"<h([1-6])", page)
    assert headings.count("1") == 1
    assert all(int(b) - int(a) <= 1 for a, b in itertools.pairwise(headings))


@pytest.mark.django_db
def test_notes_sit_where_the_source_puts_them(client):
    sheet = build_sheet()
    text = text_of(client.get(sheet.get_absolute_url()))
    # Before the items in the missions, after the bands for the salary (the quote).
    assert text.index("Note missions.") < text.index("Mission 0-0")
    assert text.index("NIVEAU 1") < text.index("Note salary.")


@pytest.mark.django_db
def test_salary_quote_is_a_blockquote(client):
    sheet = build_sheet()
    sheet.careersection_set.filter(kind=SectionKind.SALARY).update(
        note="« Il n'y a que dans le dictionnaire que le Salaire vient avant le Travail ! »"
    )
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert '<blockquote class="sheet-quote"><p>« Il n&#x27;y a que dans' in page


@pytest.mark.django_db
def test_mission_blocks_are_separate_lists_without_invented_titles(client):
    sheet = build_sheet(items=3)
    page = client.get(sheet.get_absolute_url()).content.decode()
    missions = re.search(r'<section id="missions".*?</section>', page, re.S)[0]
    assert missions.count('<ul class="mission-block">') == 3
    assert "<h3" not in missions


@pytest.mark.django_db
def test_skills_tools_and_constraints_link_to_their_pages(client):
    sheet = build_sheet()
    page = client.get(sheet.get_absolute_url()).content.decode()
    for link in sheet.skill_links.select_related("skill"):
        assert f'href="{link.skill.get_absolute_url()}"' in page, link.skill.name


@pytest.mark.django_db
def test_charts_are_accessible_svg_without_inline_styles(client):
    sheet = build_sheet()
    page = client.get(sheet.get_absolute_url()).content.decode()
    svgs = re.findall(r'<svg class="bar-chart".*?</svg>', page, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg
        assert "<title id=" in svg
        assert "aria-labelledby=" in svg
        assert ",0" not in re.sub(r"<title.*?</title>", "", svg, flags=re.S)  # no French decimals
    assert "style=" not in page
    assert "Scores des hard skills, sur 100 : Hard 0 Assis 70, Hard 1 Assis 71" in page
    # Every other drawing (icons, the brief's small bars) is decoration, hidden from readers.
    others = re.findall(r"<svg(?! class=\"bar-chart\")[^>]*>", page)
    assert others and all('aria-hidden="true"' in svg for svg in others)


@pytest.mark.django_db
def test_sheet_head_has_title_description_canonical_and_jsonld(client):
    sheet = build_sheet()
    response = client.get(sheet.get_absolute_url())
    page = response.content.decode()
    assert f"<title>{html.escape(sheet.title)} : fiche métier" in page
    assert f'<meta name="description" content="{html.escape(sheet.summary)}">' in page
    assert f'<link rel="canonical" href="{settings.SITE_URL}{sheet.get_absolute_url()}">' in page
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert data["@type"] == "Occupation"
    assert data["name"] == sheet.title
    assert data["description"] == sheet.summary
    assert data["estimatedSalary"][0] == {
        "@type": "MonetaryAmountDistribution",
        "name": "NIVEAU 0",
        "currency": "EUR",
        "duration": "P1Y",
        "unitText": "YEAR",
        "minValue": 22000,
        "maxValue": 26000,
    }
    assert "Soft 0 Assis" in data["skills"]
    assert "Hard 1 Assis" in data["skills"]


@pytest.mark.django_db
def test_jsonld_escapes_a_hostile_title(client):
    hostile = "</script><script>alert(1)</script>"
    sheet = f.CareerFactory(title=hostile, slug="hostile")
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    assert json.loads(block)["name"] == hostile


@pytest.mark.django_db
def test_sheet_has_compare_button_near_the_title(client):
    sheet = build_sheet()
    page = client.get(sheet.get_absolute_url()).content.decode()
    header = re.search(r'<header class="sheet-header">.*?</header>', page, re.S)[0]
    assert "Ajouter à la comparaison" in header
    assert f'name="metier" value="{sheet.slug}"' in header


@pytest.mark.django_db
def test_related_careers_and_certifications_at_the_sheet_levels(client):
    sheet = build_sheet()  # BAC +2 and BAC +3 → European levels 5 and 6
    links = sheet.skill_links.select_related("skill")
    neighbour = career("Voisin")
    for link in [link for link in links if link.skill.kind in ("hard", "tool")][:3]:
        f.CareerSkillFactory(career=neighbour, skill=link.skill)
    # Qualities and conditions most careers share do not make a career close.
    unrelated = career("Sans rapport")
    for link in links:
        if link.skill.kind in ("soft", "constraint"):
            f.CareerSkillFactory(career=unrelated, skill=link.skill)
    f.CertificationFactory(
        title="Titre niveau 5", kind=CertificationKind.TP, code="TP-00523", level=5
    )
    f.CertificationFactory(title="Titre niveau 6", code="RNCP 35000", level=6)
    f.CertificationFactory(title="Titre niveau 7", level=7)
    f.CertificationFactory(title="Brouillon", level=5, is_published=False)

    text = text_of(client.get(sheet.get_absolute_url()))
    assert "Métiers proches Voisin (3 compétences ou outils en commun)" in text
    assert "Sans rapport" not in text
    assert "Titre niveau 5 — Titre professionnel (TP-00523), niveau 5 (cadre européen)" in text
    assert "Titre niveau 6 — Titre RNCP (RNCP 35000), niveau 6 (cadre européen)" in text
    assert "Titre niveau 7" not in text
    assert "Brouillon" not in text


@pytest.mark.django_db
def test_unknown_or_unpublished_sheet_is_a_french_404(client):
    hidden = career("Caché", is_published=False)
    for url in ("/metiers/inconnu/", hidden.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 404
        assert "Page introuvable" in text_of(response)
        assert '<html lang="fr">' in response.content.decode()


@pytest.mark.django_db
def test_sheet_without_any_section_still_renders(client):
    sheet = career("Fiche vide")
    response = client.get(sheet.get_absolute_url())
    assert response.status_code == 200
    assert "Sommaire" in text_of(response)
    assert 'role="img"' not in response.content.decode()  # no chart, only icons


@pytest.mark.django_db
@pytest.mark.parametrize("items", [2, 20])
def test_sheet_query_count_does_not_grow_with_items(client, django_assert_num_queries, items):
    sheet = build_sheet(items=items)
    f.CertificationFactory(level=5)
    # version + career + which kinds of rows it has + its rows and ROME codes (14 queries:
    # one a kind of row it has, nested too; none for the ROME kinds it lacks) + the
    # related careers with their titles (one query) + certifications
    with django_assert_num_queries(18):
        response = client.get(sheet.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.django_db
def test_cached_sheet_costs_one_query_and_renders_the_same_page(client, django_assert_num_queries):
    sheet = build_sheet()
    f.CertificationFactory(level=5)
    first = client.get(sheet.get_absolute_url()).content.decode()
    # The catalogue's version, read from the database: the cache is the process's own.
    with django_assert_num_queries(1):
        second = client.get(sheet.get_absolute_url()).content.decode()

    assert without_tokens(second) == without_tokens(first)
    assert "Sous-titre missions" in second


@pytest.mark.django_db
def test_an_edit_shows_at_once_on_a_cached_sheet(client):
    sheet = build_sheet()
    client.get(sheet.get_absolute_url())
    sheet.summary = "Résumé corrigé."
    sheet.save()  # any write to the catalogue moves its version on (core.cache)

    assert "Résumé corrigé." in text_of(client.get(sheet.get_absolute_url()))

    section = sheet.careersection_set.get(kind=SectionKind.MISSIONS)
    section.heading = "Missions corrigées"
    section.save()
    assert "Missions corrigées" in text_of(client.get(sheet.get_absolute_url()))


@pytest.mark.django_db
def test_a_renamed_skill_and_a_new_neighbour_show_at_once_on_a_cached_sheet(client):
    sheet = build_sheet()
    client.get(sheet.get_absolute_url())
    link = sheet.skill_links.select_related("skill").filter(skill__kind="hard").first()
    link.skill.name = "Nom corrigé"
    link.skill.save()
    neighbour = career("Nouveau voisin")
    f.CareerSkillFactory(career=neighbour, skill=link.skill)

    page = text_of(client.get(sheet.get_absolute_url()))

    assert "Nom corrigé" in page
    assert "Nouveau voisin" in page


@pytest.mark.django_db
def test_an_unpublished_sheet_is_gone_at_once(client):
    sheet = build_sheet()
    client.get(sheet.get_absolute_url())
    sheet.is_published = False
    sheet.save()
    assert client.get(sheet.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_every_visitor_of_a_cached_sheet_gets_a_token_of_their_own():
    sheet = build_sheet()
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [visitor.get(sheet.get_absolute_url() + "?source=liste") for visitor in visitors]

    tokens = [
        re.findall(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', page.content.decode())
        for page in pages
    ]
    assert tokens[0] != tokens[1]
    for visitor, (token,) in zip(visitors, tokens, strict=True):
        added = visitor.post(
            "/comparer/ajouter/",
            {"metier": sheet.slug, "next": sheet.get_absolute_url()},
            headers={"x-csrftoken": token},
        )
        assert added.status_code == 302
    # The form comes back to the sheet itself, whatever the query string.
    assert f'name="next" value="{sheet.get_absolute_url()}"' in pages[0].content.decode()


@pytest.mark.django_db
def test_a_visitor_with_a_tray_or_a_message_sees_them_around_the_same_sheet(client):
    sheet = build_sheet()
    other = career("Acheteur international")
    shared = client.get(sheet.get_absolute_url()).content.decode()
    client.post("/comparer/ajouter/", {"metier": other.slug, "next": "/"})

    with_message = text_of(client.get(sheet.get_absolute_url()))
    own = client.get(sheet.get_absolute_url()).content.decode()

    assert "« Acheteur international » a été ajouté à la comparaison." in with_message
    assert "a été ajouté" not in own
    assert "Comparaison (1 métier sur 4)" in text_of_html(own)
    assert "Comparaison (1 métier sur 4)" not in text_of_html(shared)
    tray = re.compile(r'<div id="tray".*?(?=<main)', re.DOTALL)
    assert without_tokens(tray.sub("", own)) == without_tokens(tray.sub("", shared))


@pytest.mark.django_db
def test_a_cached_sheet_answers_304_to_its_etag_until_the_visitor_s_tray_changes(client):
    sheet = build_sheet()
    other = career("Acheteur international")
    client.get(sheet.get_absolute_url())
    cached = client.get(sheet.get_absolute_url())
    conditional = client.get(sheet.get_absolute_url(), headers={"if-none-match": cached["ETag"]})
    assert conditional.status_code == 304

    client.post("/comparer/ajouter/", {"metier": other.slug, "next": "/"})
    with_tray = client.get(sheet.get_absolute_url(), headers={"if-none-match": cached["ETag"]})
    assert with_tray.status_code == 200
    assert "Acheteur international" in text_of(with_tray)


@pytest.mark.django_db
def test_sheet_lists_a_few_certifications_and_links_to_each_level(client):
    sheet = build_sheet()  # BAC +2 and BAC +3 → European levels 5 and 6
    for number in range(8):
        f.CertificationFactory(title=f"Titre {number:02d}", level=5 + number % 2)
    page = client.get(sheet.get_absolute_url()).content.decode()
    text = text_of_html(page)
    assert [f"Titre {n:02d}" in text for n in range(8)].count(True) == 6
    assert 'href="/certifications/?niveau=5"' in page
    assert 'href="/certifications/?niveau=6"' in page
    assert "Toutes les certifications de niveau 5 (cadre européen)" in text


# --- The real catalogue -------------------------------------------------------------------------


def french(euros: int) -> str:
    return f"{euros:,}".replace(",", " ")


def test_every_statement_of_the_seed_sheets_reaches_its_page(client, settings, catalogue):
    sheet_paths = sorted((settings.BASE_DIR / "fixtures" / "jobsheets").glob("*.txt"))
    assert len(sheet_paths) == 2
    for path in sheet_paths:
        sheet = read_jobsheet(path)
        career = Career.objects.get(title=sheet.title)
        response = client.get(career.get_absolute_url())
        assert response.status_code == 200
        text = text_of(response)
        missing = [
            line
            for statement in sheet.statements()
            for line in statement.splitlines()
            if " ".join(line.replace(NBSP, " ").replace(NNBSP, " ").split()) not in text
        ]
        assert missing == [], path.name
        for band in career.salaryband_set.all():
            assert f"De {french(band.min_eur)} € à {french(band.max_eur)} €" in text


# --- A sheet read on a phone: key facts first, long sections folded --------------------------


def brief_of(page: str) -> str:
    return re.search(r'<section class="brief".*?</section>', page, re.S)[0]


@pytest.mark.django_db
def test_the_brief_sums_up_the_sheet_under_its_title_each_fact_linking_to_its_section(client):
    sheet = build_sheet(items=3)
    page = client.get(sheet.get_absolute_url()).content.decode()
    header = re.search(r'<header class="sheet-header">.*?</header>', page, re.S)[0]
    brief = brief_of(header)
    assert header.index("<h1>") < header.index('class="brief"') < header.index("sheet-summary")
    band = sheet.salaryband_set.order_by("position").first()
    assert f"{band.min_eur:,}".replace(",", NNBSP) in brief  # the starting band
    assert "BAC +2" in brief and "BAC +3" in brief
    # The three best-scored hard skills, best first, with their scores.
    assert re.findall(r"Hard (\d) Assis <span class=\"fact-score\">(\d+)/100", brief) == [
        ("2", "72"),
        ("1", "71"),
        ("0", "70"),
    ]
    for anchor in re.findall(r'href="#([a-z-]+)"', brief):
        assert f'id="{anchor}"' in page, anchor


@pytest.mark.django_db
def test_a_sheet_without_salaries_has_no_salary_fact(client):
    sheet = build_sheet()
    sheet.salaryband_set.all().delete()
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert "Salaire de départ" not in page
    assert "Niveaux d'études" in brief_of(page)


@pytest.mark.django_db
def test_an_empty_sheet_has_no_brief(client):
    page = client.get(career("Fiche vide").get_absolute_url()).content.decode()
    assert 'class="brief"' not in page


@pytest.mark.django_db
def test_a_rome_fiche_gets_the_facts_it_holds(client):
    sheet = career("Fiche ROME")
    code = f.RomeCodeFactory(code="N1303", label="Intervention technique")
    f.CareerRomeFactory(career=sheet, rome_code=code, position=0)
    for position in range(3):
        f.AppellationFactory(career=sheet, position=position, label=f"Appellation {position}")
    group = f.SkillGroupFactory(career=sheet, kind=SectionKind.SAVOIR_FAIRE, position=0)
    for position in range(3):
        f.RomeSkillLinkFactory(
            career=sheet,
            group=group,
            position=position,
            is_core=position != 1,
            skill=f.SkillFactory(name=f"Savoir-faire {position}", kind=SkillKind.SAVOIR_FAIRE),
        )
    brief = brief_of(client.get(sheet.get_absolute_url()).content.decode())
    assert "N1303" in brief and 'href="#codes-rome"' in brief
    assert "Appellations" in brief and ">3<" in brief
    assert "Savoir-faire 0" in brief and "Savoir-faire 2" in brief
    assert "Savoir-faire 1" not in brief  # not at the heart of the job
    assert "Salaire" not in brief and "épanouissement" not in brief


@pytest.mark.django_db
def test_long_sections_open_on_their_first_items_the_rest_one_tap_away(client):
    sheet = build_sheet(items=4)  # 16 missions, 4 soft skills, 4 questions…
    page = client.get(sheet.get_absolute_url()).content.decode()
    missions = re.search(r'<section id="missions".*?</section>', page, re.S)[0]
    opened, folded = missions.split('<details class="more">', 1)
    assert opened.count("<li>") == 5  # Missions.shown
    assert "Voir les 11 autres missions" in folded and folded.count("<li>") == 11
    soft = re.search(r'<section id="soft-skills".*?</section>', page, re.S)[0]
    assert "Voir les 3 autres soft skills" in soft
    faq = re.search(r'<section id="faq".*?</section>', page, re.S)[0]
    assert "Voir l’autre question" in faq
    # A chart's numbers sit under it, behind "Voir les données".
    fulfilment = re.search(r'<section id="epanouissement".*?</section>', page, re.S)[0]
    assert re.search(r'<details class="chart-details">.*Voir les données.*<table', fulfilment, re.S)


@pytest.mark.django_db
def test_a_long_introduction_is_behind_read_more_and_a_short_one_is_not(client):
    sheet = build_sheet()
    sheet.careersection_set.filter(kind=SectionKind.MISSIONS).update(intro="Long. " * 80)
    page = client.get(sheet.get_absolute_url()).content.decode()
    missions = re.search(r'<section id="missions".*?</section>', page, re.S)[0]
    assert re.search(
        r'<details class="more more-text">.*Lire la suite.*Long\. Long\.', missions, re.S
    )
    soft = re.search(r'<section id="soft-skills".*?</section>', page, re.S)[0]
    assert "Lire la suite" not in soft.split("<h3>")[0]
