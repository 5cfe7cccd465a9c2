import pytest

from certifications.forms import CertificationFilterForm
from tests.factories import CertificationFactory, NsfCodeFactory, RomeCodeFactory


def bound(**params) -> CertificationFilterForm:
    form = CertificationFilterForm(params)
    form.is_valid()
    return form


@pytest.mark.django_db
def test_valid_parameters_become_filters():
    certification = CertificationFactory()
    certification.nsf_codes.add(NsfCodeFactory(code="311"))
    certification.rome_codes.add(RomeCodeFactory(code="N1303"), through_defaults={"position": 0})

    form = bound(q="logistique", type="rncp", niveau="7", nsf="311", rome="N1303", page="2")

    assert form.filters() == {
        "q": "logistique",
        "type": "rncp",
        "niveau": 7,
        "nsf": "311",
        "rome": "N1303",
    }
    assert form.cleaned_data["page"] == 2
    assert form.notices() == []


@pytest.mark.django_db
def test_empty_parameters_filter_nothing():
    form = bound(q="", type="", niveau="", nsf="", rome="")

    assert form.filters() == {}
    assert form.notices() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "label"),
    [
        ({"type": "bts"}, "Type"),
        ({"niveau": "9"}, "Niveau européen"),
        ({"niveau": "abc"}, "Niveau européen"),
        ({"nsf": "999"}, "Code NSF"),
        ({"rome": "Z9999"}, "Code ROME"),
        ({"q": "x" * 201}, "Rechercher une certification"),
    ],
)
def test_invalid_values_are_dropped_and_named(params, label):
    form = bound(**params, q_ok="ignored")

    [value] = params.values()
    assert form.notices() == [f"{label} : « {value} » n'est pas valable, ignoré."]
    assert list(form.filters()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "-1", "0"])
def test_a_page_that_is_not_a_number_is_the_first_as_on_the_career_list(page):
    form = bound(page=page)

    assert form.notices() == []
    assert form.page_number == 1


@pytest.mark.django_db
def test_code_choices_list_only_codes_of_published_certifications():
    published = CertificationFactory()
    published.nsf_codes.add(NsfCodeFactory(code="311", label="Transports"))
    hidden = CertificationFactory(is_published=False)
    hidden.nsf_codes.add(NsfCodeFactory(code="312 m"))

    choices = dict(CertificationFilterForm().fields["nsf"].choices)

    assert choices == {"": "Tous", "311": "311 Transports"}
