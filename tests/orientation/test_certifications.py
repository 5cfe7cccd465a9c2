"""orientation.certifications: the certifications a page of results suggests."""

import pytest

from certifications.models import CertificationKind
from orientation.certifications import PREPARED_CAREERS, SHOWN, naming_rome_codes
from tests import factories as f

pytestmark = pytest.mark.django_db


def certification(title: str, rome_code, *, level: int = 5, **kwargs):
    made = f.CertificationFactory(title=title, level=level, **kwargs)
    f.CertificationRomeFactory(certification=made, rome_code=rome_code)
    return made


def career_with(*codes):
    career = f.CareerFactory()
    for code in codes:
        f.CareerRomeFactory(career=career, rome_code=code)
    return career


def test_the_first_certifications_naming_each_careers_codes_by_level_kind_and_title():
    n1303, m1703 = f.RomeCodeFactory(code="N1303"), f.RomeCodeFactory(code="M1703")
    career = career_with(n1303, m1703)
    certification("Niveau 6", n1303, level=6)
    certification("Titre B", m1703, kind=CertificationKind.TP, code="TP-01")
    certification("Titre A", n1303, kind=CertificationKind.TP, code="TP-02")
    rncp = certification("RNCP Z", n1303)
    certification("Retiré", n1303, level=3, is_published=False)
    without_codes = f.CareerFactory()

    found = naming_rome_codes([career.pk, without_codes.pk])

    assert SHOWN == 3
    assert [(c.title, c.code, c.level) for c in found[career.pk]] == [
        ("RNCP Z", rncp.code, 5),
        ("Titre A", "TP-02", 5),
        ("Titre B", "TP-01", 5),
    ]
    assert found[career.pk][0].get_absolute_url() == rncp.get_absolute_url()
    assert without_codes.pk not in found


def test_a_certification_naming_two_of_a_careers_codes_is_listed_once():
    k2101, k2102 = f.RomeCodeFactory(code="K2101"), f.RomeCodeFactory(code="K2102")
    career = career_with(k2101, k2102)
    both = certification("Les deux codes", k2101)
    f.CertificationRomeFactory(certification=both, rome_code=k2102)

    assert [c.title for c in naming_rome_codes([career.pk])[career.pk]] == ["Les deux codes"]


def test_more_careers_than_one_prepared_query_takes_are_all_answered():
    careers = []
    for index in range(PREPARED_CAREERS + 2):
        code = f.RomeCodeFactory(code=f"K{2200 + index}")
        careers.append(career_with(code))
        certification(f"Titre {index}", code)

    found = naming_rome_codes([career.pk for career in careers])

    assert [found[career.pk][0].title for career in careers] == [
        f"Titre {index}" for index in range(PREPARED_CAREERS + 2)
    ]
