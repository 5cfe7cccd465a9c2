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
