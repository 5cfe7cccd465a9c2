"""A certification's history (certifications.history, core.admin.HistoryAdmin).

An edit on the certification's page or on one of its components' is a version
of the certification with all its rows; the imported state comes first, and a
restore brings it back.
"""

import pytest
from reversion.models import Version

from certifications.models import Certification, Component
from tests.adminpages import admin_url, resubmit, unchanged_post_data
from tests.pages import text_of

pytestmark = pytest.mark.django_db

TP = "tp-00523-assistant-import-export"
EDITED = "Administrer les ventes à l'international"


@pytest.fixture
def certification(catalogue) -> Certification:
    return Certification.objects.get(slug=TP)


def versions(certification: Certification) -> list[Version]:
    found = Version.objects.get_for_object(certification).select_related("revision")
    return sorted(found, key=lambda version: version.revision.date_created)


def first_component(certification: Certification) -> Component:
    return certification.component_set.order_by("position").first()


def test_a_component_edited_on_its_page_is_a_version_of_the_certification(
    admin_client, certification
):
    resubmit(admin_client, Component, first_component(certification), title=EDITED)

    baseline, edit = versions(certification)
    assert baseline.revision.get_comment() == "État importé, avant la première modification"
    components = edit.revision.version_set.filter(content_type__model="component")
    assert components.count() == certification.component_set.count()
    assert EDITED in [version.field_dict["title"] for version in components]
    page = text_of(admin_client.get(admin_url(Certification, "history", certification.pk)))
    assert "composantes (blocs, CCP, unités) : +1 −1" in page


def test_restoring_the_imported_state_brings_the_component_back(
    admin_client, client, certification
):
    original = first_component(certification).title
    resubmit(admin_client, Component, first_component(certification), title=EDITED)
    url = admin_url(Certification, "revision", certification.pk, versions(certification)[0].pk)

    response = admin_client.post(url, unchanged_post_data(admin_client.get(url)))

    assert response.status_code == 302
    assert first_component(certification).title == original
    assert original in text_of(client.get(certification.get_absolute_url()))
    assert len(versions(certification)) == 3
