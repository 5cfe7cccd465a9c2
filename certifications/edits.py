"""A certification edited by anyone but an import is marked so: the next reload keeps it.

Any save or delete of a certification or one of its rows, and any change of its
NSF codes, outside `core.imports.importing()`, sets its `edited_at`.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from core.imports import is_importing

from .models import (
    Activity,
    ActivityTask,
    Certification,
    CertificationRome,
    CertificationSection,
    Competence,
    Component,
)


def _certification_of(instance) -> int | None:
    match instance:
        case Certification():
            return instance.pk
        case Competence():
            return (
                Component.objects.filter(pk=instance.component_id)
                .values_list("certification_id", flat=True)
                .first()
            )
        case ActivityTask():
            return (
                Activity.objects.filter(pk=instance.activity_id)
                .values_list("certification_id", flat=True)
                .first()
            )
        case _:
            return instance.certification_id


def _edited(sender, instance, **kwargs) -> None:
    if is_importing() or kwargs.get("raw"):
        return
    certification = _certification_of(instance)
    if certification is not None:
        Certification.objects.filter(pk=certification).update(edited_at=timezone.now())


def connect() -> None:
    for model in (
        Certification,
        Component,
        Competence,
        Activity,
        ActivityTask,
        CertificationRome,
        CertificationSection,
    ):
        uid = f"certification-edit-{model.__name__}"
        post_save.connect(_edited, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_edited, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _edited, sender=Certification.nsf_codes.through, dispatch_uid="certification-edit-nsf"
    )
