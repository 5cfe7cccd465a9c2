""" "Passer de A à B", and the links that lead there."""

import pytest

from skills.models import SkillKind
from tests import factories as f
from tests.pages import text_of

LOGISTICS = "assistante-logistique-internationale"
RELATIONS = "chargee-de-mission-relations-internationales"


def url(origin: str, target: str) -> str:
    return f"/metiers/{origin}/vers/{target}/"


def test_from_the_seed_logistics_career_to_international_relations(catalogue, client):
    response = client.get(url(LOGISTICS, RELATIONS))

    assert response.status_code == 200
    text = text_of(response)
    assert (
        "Passer de Assistant(e) logistique internationale à "
        "Chargé(e) de mission relations internationales" in text
    )
    # Shared: five soft skills and four tools; constraints are not skills to keep.
    assert "9 compétences ou outils des deux fiches." in text
    assert "Soft skills Adaptabilité Communication Collaboration Sens de l'organisation" in text
    # B's hard skills by its scores, then its other skills.
    assert (
        "Connaissance des affaires internationales (95/100) Gestion de projet (92/100) "
        "Rédaction (91/100) Compétences linguistiques (90/100)" in text
    )
    assert "Qui apparaissent Évolutions Politiques" in text
    assert "Qui disparaissent Pression temporelle Charge administrative" in text
    assert "DÉBUTANT 22 000 € – 26 000 € (- de 3ans) 30 000 € – 35 000 € (- de 3ans)" in text
    assert "mobilité repérée par France Travail".lower() not in text.lower()
    assert "Certifications qui mènent à Chargé(e) de mission relations internationales" in text
    # Certifications at the levels of its diplomas, with their blocs or units.
    assert "ASSISTANT IMPORT-EXPORT TP-00523" in text
    assert "CCP" in text
    assert f'href="{url(RELATIONS, LOGISTICS)}"' in response.content.decode()


@pytest.mark.django_db
def test_a_mobility_recorded_by_france_travail_is_said(client):
    origin, target = f.CareerFactory(title="Cariste"), f.CareerFactory(title="Chef de quai")
    code = f.RomeCodeFactory(code="N1103")
    f.CareerRomeFactory(career=target, rome_code=code)
    f.MobilityFactory(career=origin, target_code="N1103", target_label="Magasinage")

    text = text_of(client.get(url(origin.slug, target.slug)))
    assert "Mobilité repérée par France Travail : le ROME cite Chef de quai" in text

    other = f.CareerFactory(title="Agent de quai")
    f.MobilityFactory(career=origin, target=other, target_code="N9999")
    assert "Mobilité repérée par France Travail" in text_of(
        client.get(url(origin.slug, other.slug))
    )
    assert "Mobilité repérée" not in text_of(client.get(url(target.slug, origin.slug)))


@pytest.mark.django_db
def test_certifications_naming_the_target_code_come_with_their_blocs(client):
    origin, target = f.CareerFactory(), f.CareerFactory(title="Chef de quai")
    code = f.RomeCodeFactory(code="N1103")
    f.CareerRomeFactory(career=target, rome_code=code)
    certification = f.CertificationFactory(title="Responsable de quai")
    f.CertificationRomeFactory(certification=certification, rome_code=code)
    f.ComponentFactory(certification=certification, label="Bloc 1", title="Piloter le quai")

    text = text_of(client.get(url(origin.slug, target.slug)))

    assert "Elles citent un code ROME du métier : Responsable de quai" in text
    assert "Bloc 1 : Piloter le quai" in text


@pytest.mark.django_db
def test_skills_tools_and_constraints_sorted_into_keep_acquire_learn(client):
    origin, target = f.CareerFactory(), f.CareerFactory()
    shared = f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    for career in (origin, target):
        f.CareerSkillFactory(career=career, skill=shared)
    f.HardSkillLinkFactory(
        career=target, skill=f.SkillFactory(name="Achats", kind=SkillKind.HARD), score=60
    )
    f.HardSkillLinkFactory(
        career=target, skill=f.SkillFactory(name="Douane", kind=SkillKind.HARD), score=95
    )
    f.ToolLinkFactory(career=target, skill=f.SkillFactory(name="SAP", kind=SkillKind.TOOL))
    f.ConstraintLinkFactory(
        career=origin, skill=f.SkillFactory(name="Nuit", kind=SkillKind.CONSTRAINT)
    )

    text = text_of(client.get(url(origin.slug, target.slug)))

    assert "Compétences à garder 1 compétence ou outil des deux fiches. Soft skills Rigueur" in text
    assert "Douane (95/100) Achats (60/100)" in text
    assert "Outils à apprendre SAP" in text
    assert "Qui apparaissent Aucune nouvelle contrainte. Qui disparaissent Nuit" in text
    assert "Aucune des deux fiches ne donne de salaire." in text


@pytest.mark.django_db
def test_unknown_unpublished_or_identical_careers(client):
    career = f.CareerFactory()
    draft = f.CareerFactory(is_published=False)

    assert client.get(url(career.slug, "inconnu")).status_code == 404
    assert client.get(url(career.slug, draft.slug)).status_code == 404
    same = client.get(url(career.slug, career.slug))
    assert same.status_code == 400
    assert "choisissez deux métiers différents" in text_of(same)


@pytest.mark.django_db
def test_query_count_is_fixed(client, django_assert_num_queries):
    origin, target = f.CareerFactory(), f.CareerFactory()
    f.EducationLevelFactory(career=target)
    f.CertificationFactory(level=5)
    # careers, the catalogue's version (the page's key), their ROME codes and diplomas;
    # skills; certifications at its levels (and by code when it has one), their blocs;
    # salaries; the mobility
    with django_assert_num_queries(9):
        assert client.get(url(origin.slug, target.slug)).status_code == 200


# --- The links that lead there -----------------------------------------------------------------


def test_the_comparison_of_two_careers_links_both_ways(catalogue, client):
    page = client.get(f"/comparer/?metiers={LOGISTICS},{RELATIONS}").content.decode()

    assert f'href="{url(LOGISTICS, RELATIONS)}"' in page
    assert f'href="{url(RELATIONS, LOGISTICS)}"' in page


def test_related_careers_on_a_sheet_link_to_the_move(catalogue, client):
    text = text_of(client.get(f"/metiers/{LOGISTICS}/"))
    page = client.get(f"/metiers/{LOGISTICS}/").content.decode()

    assert f'href="{url(LOGISTICS, RELATIONS)}"' in page
    assert "Passer de ce métier à celui-ci : Chargé(e) de mission relations internationales" in text


@pytest.mark.django_db
def test_each_mobility_of_a_rome_fiche_links_to_the_move(client):
    origin, target = f.CareerFactory(), f.CareerFactory(title="Chef de quai")
    f.CareerSectionFactory(career=origin, kind="mobilities", heading="Évolutions possibles")
    f.MobilityFactory(career=origin, target=target, target_code="N1103")
    f.MobilityFactory(career=origin, target_code="N9999", target_label="Pas au catalogue")

    page = client.get(origin.get_absolute_url()).content.decode()

    assert page.count("/vers/") == 1
    assert f'href="{url(origin.slug, target.slug)}"' in page
