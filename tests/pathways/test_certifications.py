"""A certification's page (/certifications/<slug>/): what it says and the careers it leads to."""

import html
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from certifications.models import Certification, CertificationKind, CompetenceKind
from tests.factories import (
    ActivityFactory,
    ActivityTaskFactory,
    CareerFactory,
    CertificationFactory,
    CertificationRomeFactory,
    CertificationSectionFactory,
    CompetenceFactory,
    ComponentFactory,
    EducationLevelFactory,
    NsfCodeFactory,
    RomeCodeFactory,
)

LIST_URL = reverse("certifications:list")
FIXTURES = sorted(
    (Path(__file__).resolve().parents[2] / "fixtures" / "certifications").glob("*.json")
)


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def titles_on(response) -> list[str]:
    return [certification.title for certification in response.context["page"].object_list]


def certification_with_codes(**kwargs) -> Certification:
    certification = CertificationFactory(**kwargs)
    certification.nsf_codes.add(NsfCodeFactory())
    CertificationRomeFactory(certification=certification)
    return certification


# --- /certifications/<slug>/ -------------------------------------------------


def full_certification(size: int) -> Certification:
    certification = CertificationFactory(
        code="RNCP 14528",
        title="Manager des opérations logistiques internationales",
        alternative_title="Manager logistique",
        level=7,
        level_label="7 (Nomenclature Europe)",
        certifying_body="PROMOTRANS",
        summary="Premier paragraphe.\n\nSecond paragraphe.",
    )
    certification.nsf_codes.add(NsfCodeFactory(code="311", label="Transports, magasinage"))
    CertificationRomeFactory(
        certification=certification,
        rome_code=RomeCodeFactory(code="N1303"),
        label="Intervention technique d'exploitation logistique",
    )
    for number in range(size):
        component = ComponentFactory(
            certification=certification,
            position=number,
            label=f"Bloc de compétence n°{number + 1}",
            title=f"Piloter le bloc {number + 1}",
            description=f"Descriptif du bloc {number + 1}",
            evaluation=f"Pondération {number + 1}0%",
        )
        parent = CompetenceFactory(component=component, code=f"U{number}S1", text="Parent")
        CompetenceFactory(component=component, code=f"U{number}S1.1", text="Enfant", parent=parent)
        CompetenceFactory(
            component=component, kind=CompetenceKind.KNOWLEDGE, code=f"U{number}K1", text="Savoir"
        )
        activity = ActivityFactory(
            certification=certification,
            position=number,
            code=f"Activité {number + 1}",
            title=f"Activité numéro {number + 1}",
            context="Contexte.",
            information="- Info A\n- Info B",
        )
        activity.units.add(component)
        ActivityTaskFactory(activity=activity, code=f"A{number + 1}T1", title="Tâche")
        CertificationSectionFactory(
            certification=certification,
            position=number,
            heading=f"Rubrique {number + 1}",
            body="Intro\n- point un\n- point deux",
        )
    return certification


@pytest.mark.django_db
def test_detail_shows_every_statement_in_order(client):
    certification = full_certification(2)

    response = client.get(certification.get_absolute_url())

    text = page_text(response)
    assert response.status_code == 200
    assert text.count("<h1") == 1
    expected_in_order = [
        "Titre RNCP",
        "RNCP 14528",
        "<h1>Manager des opérations logistiques internationales</h1>",
        "Manager logistique",
        "7 (Nomenclature Europe)",
        "PROMOTRANS",
        "311</span> Transports, magasinage",
        "N1303</span> Intervention technique d'exploitation logistique",
        "<p>Premier paragraphe.</p>",
        "<p>Second paragraphe.</p>",
        "Bloc de compétence n°1",
        "Piloter le bloc 1",
        "Descriptif du bloc 1",
        "<h4>Compétences</h4>",
        "U0S1</span> Parent",
        "U0S1.1</span> Enfant",
        "<h4>Connaissances</h4>",
        "U0K1</span> Savoir",
        "Pondération 10%",
        "Bloc de compétence n°2",
        "Activité 1 : Activité numéro 1",
        "A1T1</span> Tâche",
        "<li>Info A</li><li>Info B</li>",
        "Activité 2 : Activité numéro 2",
        "Liens entre les activités et les unités de compétences",
        "Rubrique 1",
        "<p>Intro</p>\n<ul><li>point un</li><li>point deux</li></ul>",
        "Rubrique 2",
    ]
    position = text.index("<main")
    for fragment in expected_in_order:
        position = text.index(fragment, position)  # ValueError: missing or out of order


@pytest.mark.django_db
def test_child_competences_are_nested_under_their_parent(client):
    certification = full_certification(1)

    text = page_text(client.get(certification.get_absolute_url()))

    assert re.search(r"U0S1</span> Parent\s*<ul>\s*<li><span class=\"code\">U0S1.1", text)


@pytest.mark.django_db
def test_activity_unit_table_is_accessible(client):
    certification = full_certification(1)

    text = page_text(client.get(certification.get_absolute_url()))

    assert "<caption" in text
    assert '<th scope="col">Activités</th>' in text
    assert '<th scope="row">Activité 1 : Activité numéro 1</th>' in text
    assert 'href="#composante-0">Bloc de compétence n°1 : Piloter le bloc 1</a>' in text


@pytest.mark.django_db
def test_rncp_links_to_france_competences(client):
    certification = CertificationFactory(code="RNCP 14528")

    text = page_text(client.get(certification.get_absolute_url()))

    assert 'href="https://www.francecompetences.fr/recherche/rncp/14528/"' in text


@pytest.mark.django_db
def test_official_url_wins_and_other_kinds_have_no_invented_link(client):
    with_url = CertificationFactory(
        kind=CertificationKind.TP, code="TP-00523", official_url="https://example.org/tp"
    )
    without = CertificationFactory(kind=CertificationKind.ERASMUS, code="", level=None)

    assert 'href="https://example.org/tp"' in page_text(client.get(with_url.get_absolute_url()))
    assert "Référence officielle" not in page_text(client.get(without.get_absolute_url()))


@pytest.mark.django_db
def test_silent_fields_say_nothing(client):
    certification = CertificationFactory(
        kind=CertificationKind.ERASMUS,
        code="",
        level=None,
        level_label="",
        certifying_body="",
        summary="",
    )

    text = page_text(client.get(certification.get_absolute_url()))

    for label in ("<dt>Code</dt>", "<dt>Niveau</dt>", "<dt>Certificateur</dt>", "NSF", "ROME"):
        assert label not in text
    assert "Présentation" not in text
    assert "Métiers au même niveau" not in text


@pytest.mark.django_db
def test_careers_at_the_matching_education_level_are_listed_and_labelled(client):
    certification = CertificationFactory(level=7)
    at_bac5 = EducationLevelFactory(
        career=CareerFactory(title="Responsable supply chain"), level_label="BAC +5"
    ).career
    EducationLevelFactory(career=CareerFactory(title="Assistant logistique"), level_label="BAC +2")
    EducationLevelFactory(
        career=CareerFactory(title="Non publiée", is_published=False), level_label="BAC +5"
    )

    text = page_text(client.get(certification.get_absolute_url()))

    assert at_bac5.get_absolute_url() in text
    assert "Responsable supply chain" in text
    assert "Assistant logistique" not in text
    assert "Non publiée" not in text
    assert "BAC +5" in text
    assert "ne mentionne pas forcément cette certification" in text


@pytest.mark.django_db
def test_careers_at_the_same_level_show_twelve_then_link_to_the_filtered_list(client):
    certification = CertificationFactory(level=6)
    for number in range(13):
        EducationLevelFactory(
            career=CareerFactory(title=f"Métier {number:02d}"), level_label="BAC +3"
        )

    page = client.get(certification.get_absolute_url()).content.decode()

    shown = re.findall(r"Métier \d\d", page)
    assert shown == [f"Métier {number:02d}" for number in range(12)]
    link = re.search(r'href="(/metiers/\?niveau=[^"]+)">Tous les métiers qui citent', page)[1]
    listed = client.get(html.unescape(link)).content.decode()
    assert "Métier 12" in listed


@pytest.mark.django_db
def test_detail_has_title_description_canonical_and_json_ld(client):
    certification = CertificationFactory(
        code="RNCP 14528",
        title="Manager des opérations",
        level_label="7 (Nomenclature Europe)",
        certifying_body="PROMOTRANS",
        summary="Le Manager\nassure les activités.",
    )

    response = client.get(certification.get_absolute_url())

    content = response.content.decode()
    assert "<title>Manager des opérations (RNCP 14528)" in content
    assert '<meta name="description" content="Le Manager assure les activités.">' in content
    assert (
        f'<link rel="canonical" href="{settings.SITE_URL}{certification.get_absolute_url()}">'
        in content
    )
    data = json_ld_of(content)
    assert data == {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalCredential",
        "name": "Manager des opérations",
        "url": f"{settings.SITE_URL}{certification.get_absolute_url()}",
        "credentialCategory": "Titre RNCP",
        "identifier": "RNCP 14528",
        "educationalLevel": "7 (Nomenclature Europe)",
        "recognizedBy": {"@type": "Organization", "name": "PROMOTRANS"},
    }


def json_ld_of(content: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match[1])


@pytest.mark.django_db
def test_json_ld_cannot_be_broken_out_of(client):
    title = "</script><script>alert(1)</script>"
    certification = CertificationFactory(title=title, slug="piege", certifying_body="A & B")

    content = client.get(certification.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in content
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in content
    data = json_ld_of(content)
    assert data["name"] == title
    assert data["recognizedBy"]["name"] == "A & B"


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["inconnue", "pas-publiee"])
def test_unknown_or_unpublished_slug_is_a_french_404(client, slug):
    CertificationFactory(slug="pas-publiee", is_published=False)

    response = client.get(reverse("certifications:detail", kwargs={"slug": slug}))

    assert response.status_code == 404
    assert "Page introuvable" in page_text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 20])
def test_detail_query_count_is_constant(client, django_assert_num_queries, size):
    certification = full_certification(size)
    EducationLevelFactory(level_label="BAC +5")

    # The catalogue's version (the page's key), certification, NSF, ROME, components, top
    # competences, their children, activities, tasks, units, sections, careers of its ROME
    # codes, careers at the same level.
    with django_assert_num_queries(13):
        response = client.get(certification.get_absolute_url())

    assert page_text(response).count("Bloc de compétence n°") == size * 2  # heading + table


# --- a staff preview of an unpublished certification (core.http.render_preview) -----------


@pytest.mark.django_db
def test_an_unpublished_certification_is_previewed_by_staff_only(
    client, staff_client, editor_client, session_reads, django_assert_num_queries
):
    certification = full_certification(2)
    certification.is_published = False
    certification.save()
    url = certification.get_absolute_url()
    assert client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 404
    editor_client.get("/")  # the session and the CSRF cookie, as on any second page

    # The catalogue's version (the shared page's key) and the published certification
    # looked for first, the session, the user and their permissions (their own, their
    # groups'), then the page's (the test above).
    with django_assert_num_queries(session_reads + 17):
        response = editor_client.get(url)

    assert response.status_code == 200
    page = page_text(response)
    assert "Aperçu : cette fiche n'est pas publiée." in page
    assert certification.title in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_published_certification_shows_no_preview_banner_to_staff(editor_client):
    certification = full_certification(2)

    response = editor_client.get(certification.get_absolute_url())

    assert "Aperçu" not in page_text(response)
    assert "no-store" not in response["Cache-Control"]


@pytest.mark.django_db
def test_the_certification_change_form_links_to_the_preview(admin_client):
    certification = CertificationFactory(is_published=False)

    response = admin_client.get(
        reverse("admin:certifications_certification_change", args=[certification.pk])
    )

    assert "Aperçu (non publiée)" in page_text(response)


# --- the curated fixtures ----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.stem)
def test_every_fixture_statement_reaches_its_page(client, path):
    call_command("loaddata", str(path), verbosity=0)
    objects = json.loads(path.read_text(encoding="utf-8"))
    slugs = [o["fields"]["slug"] for o in objects if o["model"] == "certifications.certification"]

    for slug in slugs:
        text = page_text(client.get(reverse("certifications:detail", kwargs={"slug": slug})))
        for obj in objects:
            fields = obj["fields"]
            if obj["model"] == "certifications.component":
                assert fields["title"] in text
                assert fields["label"] in text
            elif obj["model"] == "certifications.competence" and fields["code"]:
                assert fields["code"] in text
            elif obj["model"] == "certifications.activitytask":
                assert f"{fields['code']}</span> {fields['title']}" in text
            elif obj["model"] == "certifications.certificationsection":
                assert fields["heading"] in text
            elif obj["model"] == "certifications.certificationrome":
                assert fields["rome_code"][0] in text
                assert fields["label"] in text


def test_fixtures_exist():
    assert len(FIXTURES) >= 3


@pytest.mark.django_db
def test_source_text_is_escaped_not_interpreted(client):
    section = CertificationSectionFactory(heading="<i>Titre</i>", body="- <b>gras</b>\n<em>x</em>")

    content = client.get(section.certification.get_absolute_url()).content.decode()

    assert "&lt;i&gt;Titre&lt;/i&gt;" in content
    assert "<li>&lt;b&gt;gras&lt;/b&gt;</li>" in content
    assert "<p>&lt;em&gt;x&lt;/em&gt;</p>" in content
