"""The profile's query string: what is kept, what is dropped and named."""

from urllib.parse import parse_qsl

import pytest
from django.http import QueryDict

from careers.models import Dimension
from orientation.forms import MAX_ITEMS, ProfileForm
from skills.models import SkillKind
from tests import factories as f


def read(query: str) -> ProfileForm:
    form = ProfileForm(QueryDict(query))
    form.is_valid()
    return form


@pytest.fixture
def vocabulary(db):
    return {
        "rigueur": f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT),
        "excel": f.SkillFactory(name="Excel", kind=SkillKind.TOOL),
        "week-end": f.SkillFactory(
            name="Travail le week-end", slug="week-end", kind=SkillKind.CONSTRAINT
        ),
        "charges": f.SkillFactory(
            name="Port de charges", slug="charges", kind=SkillKind.CONTEXT, code_ogr="1"
        ),
    }


def test_a_whole_profile_is_read(vocabulary):
    form = read(
        "competence=rigueur&competence=excel&contrainte=week-end&contrainte=charges"
        "&qualite_de_vie=3&stimulation=0&carriere=1&niveau=3&salaire_min=24000"
    )
    profile = form.profile()

    assert [item.slug for item in profile.skills] == ["rigueur", "excel"]
    assert [item.slug for item in profile.avoided] == ["week-end", "charges"]
    assert profile.weights == {Dimension.QUALITY_OF_LIFE: 3, Dimension.CAREER: 1}
    assert (profile.level, profile.min_salary) == (3, 24000)
    assert form.notices() == []
    assert form.profile_summary(profile) == [
        "2 compétences",
        "2 contraintes à éviter",
        "Qualité de vie : essentiel",
        "Carrière : un peu",
        "niveau Bac +3",
        "au moins 24\u202f000\xa0€ au départ",
    ]


def test_the_profile_round_trips_through_its_query_string(vocabulary):
    profile = read(
        "carriere=2&competence=excel&competence=rigueur&niveau=0&contrainte=week-end"
        "&chercher=logis&page=2&flexibilite=0"
    ).profile()

    query = profile.query_string()

    assert parse_qsl(query) == [
        ("competence", "excel"),
        ("competence", "rigueur"),
        ("contrainte", "week-end"),
        ("carriere", "2"),
        ("niveau", "0"),
    ]
    assert read(query).profile() == profile


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("competence=inconnue", "Mes compétences : « inconnue » inconnu, ignoré."),
        ("competence=pas%20un%20slug", "Mes compétences : « pas un slug » inconnu, ignoré."),
        (
            "competence=rigueur&competence=rigueur",
            "Mes compétences : « rigueur » en double, gardé une fois.",
        ),
        (
            "competence=week-end",
            "Mes compétences : « Travail le week-end (contrainte) » "
            "ne peut pas figurer ici, ignoré.",
        ),
        (
            "contrainte=rigueur",
            "Contraintes à éviter : « Rigueur (soft skill) » ne peut pas figurer ici, ignoré.",
        ),
        ("qualite_de_vie=9", "Qualité de vie : « 9 » n'est pas valable, ignoré."),
        ("niveau=abc", "Niveau d'études : « abc » n'est pas valable, ignoré."),
        (
            "salaire_min=beaucoup",
            "Salaire de départ minimum (€ brut par an) : « beaucoup » n'est pas valable, ignoré.",
        ),
    ],
)
def test_a_bad_value_is_dropped_and_named(vocabulary, query, notice):
    form = read(f"{query}&competence=excel")

    assert form.notices() == [notice]
    assert "excel" in [item.slug for item in form.profile().skills]


def test_five_hundred_skills_keep_the_first_thirty(vocabulary):
    others = [f.SkillFactory(name=f"Outil {n}", kind=SkillKind.TOOL).slug for n in range(40)]
    slugs = [*others, *(f"inconnue-{n}" for n in range(460))]

    form = read("&".join(f"competence={slug}" for slug in slugs))

    assert [item.slug for item in form.profile().skills] == others[:MAX_ITEMS]
    [notice] = form.notices()
    assert notice.startswith(f"Mes compétences : {MAX_ITEMS} au plus ; « outil-30 »")
    assert notice.endswith("et 465 autres ignoré.")


def test_an_empty_query_is_an_empty_profile(db):
    form = read("qualite_de_vie=0&niveau=&salaire_min=&chercher=excel")
    assert form.profile().is_empty()
    assert form.notices() == []
