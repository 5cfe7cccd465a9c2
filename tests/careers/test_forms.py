import pytest
from django.http import QueryDict

from careers.forms import CareerFilterForm
from skills.models import SkillKind
from tests import factories as f


def bound(query: str) -> CareerFilterForm:
    form = CareerFilterForm(QueryDict(query))
    form.is_valid()
    return form


@pytest.mark.django_db
def test_empty_query_string_means_no_filter_sorted_by_title():
    form = bound("")
    assert form.filters() == {
        "query": "",
        "skills": {"soft": [], "hard": [], "tool": [], "constraint": []},
        "education": "",
        "min_salary": None,
        "dimension": "",
        "min_score": None,
    }
    assert form.sort == "titre"
    assert form.page_number == 1
    assert form.notices() == []
    assert form.active_filters() == []


@pytest.mark.django_db
def test_known_skills_are_kept_per_kind_and_named():
    f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    f.SkillFactory(name="HubSpot", kind=SkillKind.TOOL)
    form = bound("soft=rigueur&outil=hubspot&outil=hubspot")
    assert form.filters()["skills"]["soft"] == ["rigueur"]
    assert form.filters()["skills"]["tool"] == ["hubspot"]
    labels = [active.label for active in form.active_filters()]
    assert labels == ["Soft skills : Rigueur", "Outils : HubSpot"]


@pytest.mark.django_db
def test_unknown_or_wrong_kind_skills_are_dropped_with_a_notice():
    f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    form = bound("soft=rigueur&soft=inconnue&hard=rigueur")
    assert form.filters()["skills"]["soft"] == ["rigueur"]
    assert form.filters()["skills"]["hard"] == []
    assert any("inconnue" in notice for notice in form.notices())
    assert any("Hard skills" in notice for notice in form.notices())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "salaire_min=-1",
        "salaire_min=abc",
        "score_min=101&epanouissement=carriere",
        "epanouissement=bonheur&score_min=50",
        "tri=prix",
        "soft=%3Cscript%3E",
        "q=" + "x" * 201,
    ],
)
def test_invalid_values_are_ignored_and_reported(query):
    form = bound(query)
    assert form.notices()
    filters = form.filters()
    assert filters["min_salary"] is None
    assert filters["min_score"] is None
    assert filters["query"] == ""
    assert form.sort == "titre"


@pytest.mark.django_db
def test_bad_page_falls_back_to_page_one_quietly():
    for query in ("page=abc", "page=0", "page=-3"):
        form = bound(query)
        assert form.page_number == 1
        assert form.notices() == []


@pytest.mark.django_db
def test_score_needs_a_dimension():
    assert bound("score_min=50").filters()["min_score"] is None
    filters = bound("epanouissement=carriere&score_min=50").filters()
    assert (filters["dimension"], filters["min_score"]) == ("carriere", 50)


@pytest.mark.django_db
def test_education_level_by_name_or_bac_plus():
    f.EducationLevelFactory(name="BTS", level_label="BAC +2")
    assert bound("niveau=BTS").filters()["education"] == "BTS"
    assert bound("niveau=bac%2B3").filters()["education"] == "bac+3"
    form = bound("niveau=DOCTORAT")
    assert form.filters()["education"] == ""
    assert any("DOCTORAT" in notice for notice in form.notices())


@pytest.mark.django_db
def test_search_sorts_by_relevance_unless_asked_otherwise():
    assert bound("q=logistique").sort == "pertinence"
    assert bound("q=logistique&tri=salaire").sort == "salaire"


@pytest.mark.django_db
def test_each_active_filter_links_to_the_page_without_it():
    f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    f.SkillFactory(name="Écoute", kind=SkillKind.SOFT)
    form = bound("q=vente&soft=rigueur&soft=ecoute&salaire_min=25000&page=2&tri=salaire")
    urls = {active.label: active.remove_url for active in form.active_filters()}
    assert urls["Recherche « vente »"] == "?soft=rigueur&soft=ecoute&salaire_min=25000&tri=salaire"
    assert urls["Soft skills : Rigueur"] == "?q=vente&soft=ecoute&salaire_min=25000&tri=salaire"
    salary_label = next(label for label in urls if label.startswith("Salaire"))
    assert urls[salary_label] == "?q=vente&soft=rigueur&soft=ecoute&tri=salaire"


@pytest.mark.django_db
def test_removing_the_fulfilment_filter_drops_both_parameters():
    form = bound("epanouissement=carriere&score_min=70")
    (active,) = form.active_filters()
    assert active.label == "Carrière ≥ 70 %"
    assert active.remove_url == "?"


@pytest.mark.django_db
def test_ticked_items_stay_in_the_facets_even_without_results():
    f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    form = bound("soft=rigueur")
    soft = form.facet_groups([])[0]
    assert soft["options"] == [{"slug": "rigueur", "name": "Rigueur", "count": 0, "checked": True}]
    assert soft["more"] == 0


@pytest.mark.django_db
def test_a_ticked_item_shows_even_when_less_frequent_than_the_first_eight():
    rows = [
        {"kind": SkillKind.SOFT, "slug": f"s{n}", "name": f"S{n}", "count": n} for n in range(1, 13)
    ]
    for row in rows:
        f.SkillFactory(name=row["name"], slug=row["slug"], kind=SkillKind.SOFT)
    soft = bound("soft=s1").facet_groups(rows)[0]
    assert [o["slug"] for o in soft["options"]] == [*(f"s{n}" for n in range(12, 4, -1)), "s1"]
    assert (soft["total"], soft["more"], soft["whole"]) == (12, 3, False)

    whole = bound("soft=s1&tout=soft").facet_groups(rows)[0]
    assert len(whole["options"]) == 12
    assert (whole["more"], whole["whole"]) == (0, True)
