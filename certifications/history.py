"""A certification's history: a version at each save through the admin or an import, with
its components, competences, activities, tasks, codes and other rubrics (django-reversion)."""

import reversion

from .models import (
    Activity,
    ActivityTask,
    Certification,
    CertificationRome,
    CertificationSection,
    Competence,
    Component,
)


def register() -> None:
    reversion.register(Competence)
    reversion.register(Component, follow=["competences"])
    reversion.register(ActivityTask)
    reversion.register(Activity, follow=["tasks"])
    reversion.register(CertificationRome)
    reversion.register(CertificationSection)
    reversion.register(
        Certification,
        follow=[
            "component_set",
            "activity_set",
            "certificationrome_set",
            "certificationsection_set",
        ],
    )


def with_rows(certifications):
    """Certifications with every row a version takes, loaded in a few queries (reversion
    names and serializes each row: one query apiece otherwise)."""
    return certifications.prefetch_related(
        "nsf_codes",
        "component_set__competences__component",
        "component_set__certification",
        "activity_set__tasks__activity",
        "activity_set__units",
        "activity_set__certification",
        "certificationrome_set__rome_code",
        "certificationrome_set__certification",
        "certificationsection_set",
    )
