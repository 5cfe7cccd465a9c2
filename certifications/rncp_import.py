"""Writing RNCP fiches into the catalogue, one batch per transaction."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

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
    certification.refresh_search_text()


def _sections(fiche: RncpFiche) -> list[tuple[str, str]]:
    sections = list(fiche.sections)
    if len(", ".join(fiche.certifying_bodies)) > CERTIFYING_BODY_MAX:
        # Too many to fit the field: the whole list goes in its own section.
        sections.insert(0, ("Certificateurs", "\n".join(f"- {b}" for b in fiche.certifying_bodies)))
    return sections


@transaction.atomic
def save_fiches(*, fiches: Sequence[RncpFiche]) -> BatchReport:
    """Create or update these RNCP titles by number, replacing all their rows.

    A fixed number of queries per batch, whatever its size. A number seen twice
    in the batch keeps its last fiche, as a second run would.
    """
    by_code = {fiche.code: fiche for fiche in fiches}
    existing = {c.code: c for c in Certification.objects.filter(code__in=by_code)}
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
                slug=slugify(f"rncp-{fiche.number}-{fiche.title}")[:SLUG_MAX].strip("-")
            )
            created.append(certification)
        _fill(certification, fiche)
    Certification.objects.bulk_create(created)
    Certification.objects.bulk_update(
        stale, ["kind", "code", "title", "level", "level_label", "certifying_body", "search_text"]
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
    return BatchReport(created=len(created), updated=len(stale))
