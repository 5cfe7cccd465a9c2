"""A certification's card built in Python (certifications_tags.certification_card)."""

import pytest
from django.template import Context, Template

from certifications.loading import load_card_codes
from certifications.models import Certification
from tests import factories as f

pytestmark = pytest.mark.django_db


def card(certification) -> str:
    load_card_codes([certification], at_most=20)
    return Template("{% load certifications_tags %}{% certification_card c %}").render(
        Context({"c": certification})
    )


def test_a_card_escapes_and_lists_the_codes_in_order():
    certification = f.CertificationFactory(
        title="Manager <logistique> & transport", certifying_body="AFT & co", is_active=False
    )
    f.CertificationRomeFactory(certification=certification, rome_code__code="N1303")
    f.CertificationRomeFactory(certification=certification, rome_code__code="N1301")
    certification.nsf_codes.add(f.NsfCodeFactory(code="311"), f.NsfCodeFactory(code="200"))
    loaded = Certification.objects.get(pk=certification.pk)

    html = card(loaded)

    assert ">Manager &lt;logistique&gt; &amp; transport</a></h2>" in html
    assert '<span class="tag tag-inactive">Fiche RNCP inactive</span>' in html
    assert "<dd>AFT &amp; co</dd>" in html
    assert "<div><dt>NSF</dt><dd>200, 311</dd></div>" in html
    assert "<div><dt>ROME</dt><dd>N1303, N1301</dd></div>" in html
    assert html.endswith("  </dl>\n</li>\n")


def test_a_card_says_nothing_of_what_the_certification_lacks():
    certification = f.CertificationFactory(code="", level=None, certifying_body="")
    html = card(Certification.objects.get(pk=certification.pk))

    assert "cert-code" not in html and "inactive" not in html
    assert "<dt>" not in html
    assert '  <dl class="cert-facts">\n    \n    \n    \n    \n  </dl>' in html
