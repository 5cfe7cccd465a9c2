"""Writing RNCP fiches into the catalogue, one batch per transaction.

A fiche found by its number: if an editor changed its certification since the
last import (`edited_at`), the certification is kept, and counted so, unless
`force`; else, unchanged since the last import (same digest), it writes nothing;
changed, it replaces its certification's rows. Summary, slug and publication are
never touched.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.cache import bump
from core.history import having_history
from core.imports import importing

from . import history
from .models import (
    Activity,
    Certification,
    CertificationKind,
    CertificationRome,
    CertificationSection,
    Competence,
    CompetenceKind,
    Component,
    NsfCode,
    RomeCode,
)
from .rncp_export import RncpFiche

CERTIFYING_BODY_MAX = Certification._meta.get_field("certifying_body").max_length
SLUG_MAX = Certification._meta.get_field("slug").max_length


@dataclass(frozen=True)
class BatchReport:
    created: int
    updated: int
    unchanged: int = 0
    kept: int = 0


def fiche_digest(fiche: RncpFiche) -> str:
    """What the export says of a title, as one value (the line it sits at aside)."""
    return hashlib.sha256(
        repr((fiche.__class__, {**fiche.__dict__, "line": 0})).encode()
    ).hexdigest()


def _codes(model, pairs: set[tuple[str, str]]) -> dict[str, object]:
    """The code rows these (code, label) pairs name, creating the missing ones."""
    labels = dict(sorted(pairs))
    existing = {row.code: row for row in model.objects.filter(code__in=labels)}
    model.objects.bulk_create(
        [model(code=code, label=label) for code, label in labels.items() if code not in existing],
        ignore_conflicts=True,
    )
    return {row.code: row for row in model.objects.filter(code__in=labels)}


def _fill(certification: Certification, fiche: RncpFiche) -> None:
    """The fields the export carries; the others (summary, slug, publication) are left alone."""
    bodies = ", ".join(fiche.certifying_bodies)
    certification.kind = CertificationKind.RNCP
    certification.code = fiche.code
    certification.title = fiche.title
    certification.level = fiche.level
    certification.level_label = fiche.level_label
    certification.certifying_body = (
        bodies if len(bodies) <= CERTIFYING_BODY_MAX else fiche.certifying_bodies[0]
    )
    certification.is_active = fiche.active
    certification.refresh_search_text()


def _sections(fiche: RncpFiche) -> list[tuple[str, str]]:
    sections = list(fiche.sections)
    if len(", ".join(fiche.certifying_bodies)) > CERTIFYING_BODY_MAX:
        # Too many to fit the field: the whole list goes in its own section.
        sections.insert(0, ("Certificateurs", "\n".join(f"- {b}" for b in fiche.certifying_bodies)))
    return sections


def save_fiches(*, fiches: Sequence[RncpFiche], dataset=None, force: bool = False) -> BatchReport:
    """Create or update these RNCP titles by number, replacing all their rows.

    A fixed number of queries per batch, whatever its size. A number seen twice
    in the batch keeps its last fiche, as a second run would.
    """
    with transaction.atomic(), importing():
        return _save_fiches(fiches, dataset, force)


def _save_fiches(fiches: Sequence[RncpFiche], dataset, force: bool) -> BatchReport:
    by_code = {fiche.code: fiche for fiche in fiches}
    digests = {code: fiche_digest(fiche) for code, fiche in by_code.items()}
    existing = {c.code: c for c in Certification.objects.filter(code__in=by_code)}
    # Edited: kept, and counted so, whether the fiche changed or not; with `force`, an edited
    # title is written again even from an unchanged fiche.
    kept = [code for code, c in existing.items() if c.edited_at and not force]
    unchanged = [
        code for code, c in existing.items() if c.source_digest == digests[code] and not c.edited_at
    ]
    for code in (*unchanged, *kept):
        del by_code[code], existing[code]
    romes = _codes(RomeCode, {pair for f in by_code.values() for pair in f.rome_codes})
    nsfs = _codes(NsfCode, {pair for f in by_code.values() for pair in f.nsf_codes})

    stale = list(existing.values())
    for model in (Component, Activity, CertificationSection, CertificationRome):
        model.objects.filter(certification__in=stale).delete()
    Certification.nsf_codes.through.objects.filter(certification__in=stale).delete()

    created = []
    for code, fiche in by_code.items():
        certification = existing.get(code)
        if certification is None:
            certification = Certification(
                slug=slugify(f"rncp-{fiche.number}-{fiche.title}")[:SLUG_MAX].strip("-"),
                source_key=f"rncp:{fiche.number}",
            )
            created.append(certification)
        _fill(certification, fiche)
        certification.dataset = dataset
        certification.source_digest, certification.imported_at = digests[code], timezone.now()
        certification.edited_at = None
    Certification.objects.bulk_create(created)
    Certification.objects.bulk_update(
        stale,
        [
            "kind",
            "code",
            "title",
            "level",
            "level_label",
            "certifying_body",
            "is_active",
            "search_text",
            "dataset",
            "source_digest",
            "imported_at",
            "edited_at",
        ],
    )
    saved = {c.code: c for c in (*stale, *created)}

    components, blocs = [], []
    sections, rome_links, nsf_links = [], [], []
    for code, fiche in by_code.items():
        certification = saved[code]
        for position, bloc in enumerate(fiche.blocs, start=1):
            components.append(
                Component(
                    certification=certification,
                    position=position,
                    code=bloc.code,
                    title=bloc.title,
                    evaluation=bloc.evaluation,
                )
            )
            blocs.append(bloc)
        sections += [
            CertificationSection(
                certification=certification, position=position, heading=heading, body=body
            )
            for position, (heading, body) in enumerate(_sections(fiche), start=1)
        ]
        rome_links += [
            CertificationRome(
                certification=certification, position=position, rome_code=romes[rome], label=label
            )
            for position, (rome, label) in enumerate(dict(fiche.rome_codes).items(), start=1)
        ]
        nsf_links += [
            Certification.nsf_codes.through(certification=certification, nsfcode=nsfs[nsf])
            for nsf in dict(fiche.nsf_codes)
        ]
    Component.objects.bulk_create(components)
    Competence.objects.bulk_create(
        Competence(component=component, position=position, kind=CompetenceKind.SKILL, text=text)
        for component, bloc in zip(components, blocs, strict=True)
        for position, text in enumerate(bloc.competences, start=1)
    )
    CertificationSection.objects.bulk_create(sections)
    CertificationRome.objects.bulk_create(rome_links)
    Certification.nsf_codes.through.objects.bulk_create(nsf_links)
    bump()  # bulk writes send no signal
    record_versions([*stale, *created])
    return BatchReport(len(created), len(stale), len(unchanged), len(kept))


def record_versions(certifications: list[Certification]) -> None:
    """Each certification written that has a history gets a version of it, with its rows."""
    kept = having_history(Certification, [certification.pk for certification in certifications])
    for certification in history.with_rows(Certification.objects.filter(pk__in=kept)):
        with reversion.create_revision(atomic=False):
            reversion.add_to_revision(certification)
            reversion.set_comment("Import de l'export RNCP")
