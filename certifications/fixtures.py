"""Loading the curated certifications of fixtures/certifications/ (one per file, natural keys),
without ever losing what an editor changed.

Like the job sheets (careers.services): a certification an editor changed since
its last load (`edited_at`) is kept and the report says so, unless `force`; a
file whose content is the one loaded last time writes nothing; a changed file
updates its certification. Publication is never touched.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import reversion
from django.core import serializers
from django.db import transaction
from django.utils import timezone

from core.history import having_history
from core.imports import importing

from . import history
from .models import (
    Activity,
    Certification,
    CertificationRome,
    CertificationSection,
    Component,
)

CREATED, UPDATED, UNCHANGED = "créée", "mise à jour", "inchangée"
KEPT = "modifiée dans l'administration depuis le dernier import : conservée"


@dataclass(frozen=True)
class FixtureReport:
    path: Path
    title: str
    status: str

    def __str__(self) -> str:
        return f"{self.title} ({self.path.name}) : {self.status}"


class FixtureError(ValueError):
    """A fixture that is not one certification in the expected shape."""


def load_certification(*, path: Path, force: bool = False) -> FixtureReport:
    text = path.read_text(encoding="utf-8")
    objects = json.loads(text)
    heads = [obj for obj in objects if obj["model"] == "certifications.certification"]
    if len(heads) != 1:
        raise FixtureError(f"{path} : {len(heads)} certifications (attendu : une par fichier)")
    fields = heads[0]["fields"]
    key = f"fixture:{fields['slug']}"
    digest = hashlib.sha256(json.dumps(objects, sort_keys=True).encode()).hexdigest()

    with transaction.atomic(), importing():
        existing = (
            Certification.objects.select_for_update().filter(source_key=key).first()
            # Loaded before certifications had a source key: found by its slug.
            or Certification.objects.filter(source_key="", slug=fields["slug"]).first()
        )
        edited = existing is not None and existing.edited_at is not None
        # Edited: kept, and said so, whether the file changed or not.
        if edited and not force:
            return FixtureReport(path, existing.title, KEPT)
        if existing and existing.source_digest == digest and not edited:
            return FixtureReport(path, existing.title, UNCHANGED)
        published = existing.is_published if existing else True
        if existing:
            for model in (Component, Activity, CertificationSection, CertificationRome):
                model.objects.filter(certification=existing).delete()
            existing.nsf_codes.clear()
            if existing.slug != fields["slug"]:
                existing.slug = fields["slug"]  # the source's, so that its rows find it
                existing.save(update_fields=["slug"])
        for deserialized in serializers.deserialize("json", text, handle_forward_references=True):
            item = deserialized.object
            if isinstance(item, Certification):
                item.is_published = published
                item.source_key, item.source_digest = key, digest
                item.imported_at, item.edited_at = timezone.now(), None
            deserialized.save()
        certification = Certification.objects.get(source_key=key)
        if having_history(Certification, [certification.pk]):
            with reversion.create_revision(atomic=False):
                reversion.add_to_revision(
                    history.with_rows(Certification.objects).get(pk=certification.pk)
                )
                reversion.set_comment(f"Import de {path.name}")
    return FixtureReport(path, certification.title, UPDATED if existing else CREATED)
