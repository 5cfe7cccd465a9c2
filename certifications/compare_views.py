"""Certifications side by side: `/certifications/comparer/?codes=RNCP 14528,TP-00523`."""

import re
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core import cache
from core.errors import render_error, render_missing
from core.http import Page, render_shared
from core.selection import MAX_COMPARED, SelectionProblem, parse_selection

from .models import Certification, CertificationRome, Component

# A code as written ("RNCP 14528", "TP-00523") or a slug: the Erasmus+ standard has no code.
CODE_OR_SLUG = re.compile(r"[-a-zA-Z0-9_ ]{1,255}")


@dataclass(frozen=True)
class ComponentRow:
    label: str
    cells: list[Component | None]


@require_safe
def compare_certifications(request):
    selection = parse_selection(request.GET.getlist("codes"), pattern=CODE_OR_SLUG)
    if selection.problem in (SelectionProblem.EMPTY, SelectionProblem.GARBAGE):
        status = 400 if selection.problem == SelectionProblem.GARBAGE else 200
        return _picker(request, rejected=selection.rejected, status=status)
    if selection.problem == SelectionProblem.TOO_MANY:
        return render_error(
            request,
            400,
            "Trop de certifications à comparer",
            f"On compare de 2 à {MAX_COMPARED} certifications à la fois.",
            f"Vous en avez demandé {len(selection.tokens)} : retirez-en pour n'en garder que "
            f"{MAX_COMPARED} au plus.",
        )

    def build() -> Page | HttpResponse:
        certifications = list(_for_comparison(selection.tokens))
        columns, missing = [], []
        for token in selection.tokens:
            match = next((c for c in certifications if _answers_to(c, token)), None)
            if match is None:
                missing.append(token)
            elif match not in columns:
                columns.append(match)
        if missing:
            return render_missing(
                request,
                "Certification introuvable",
                "Une des certifications demandées n'existe pas ou n'est plus publiée.",
                missing,
            )
        context = {
            "certifications": columns,
            "components": _component_rows(columns),
            "nav": "certifications",
        }
        if len(columns) < 2:
            context["choices"] = _choices()
            context["selected"] = [c.slug for c in columns]
        return Page("certifications/compare.html", context)

    query = QueryDict(mutable=True)
    query["codes"] = ",".join(selection.tokens)
    key = cache.key("compare-certifications", *selection.tokens)
    return render_shared(request, build, key=key, query=query)


def _for_comparison(tokens: list[str]):
    matches = Q(slug__in=tokens)
    for token in tokens:
        matches |= Q(code__iexact=token)
    romes = CertificationRome.objects.select_related("rome_code").order_by("position")
    return (
        Certification.objects.published()
        .filter(matches)
        .prefetch_related(
            "nsf_codes",
            Prefetch("certificationrome_set", romes, to_attr="rome_rows"),
            Prefetch("component_set", Component.objects.order_by("position"), to_attr="components"),
        )
    )


def _answers_to(certification: Certification, token: str) -> bool:
    return certification.slug == token or (
        bool(certification.code) and certification.code.casefold() == token.casefold()
    )


def _component_rows(certifications: list[Certification]) -> list[ComponentRow]:
    """Components side by side, the first with the first: blocs, CCP and units keep their order."""
    depth = max((len(c.components) for c in certifications), default=0)
    return [
        ComponentRow(
            f"Composante {index + 1}",
            [c.components[index] if index < len(c.components) else None for c in certifications],
        )
        for index in range(depth)
    ]


def _choices():
    return Certification.objects.published().only("slug", "code", "title", "kind")


def _picker(request, *, rejected, status):
    context = {"choices": _choices(), "rejected": rejected, "nav": "certifications"}
    return render(request, "certifications/compare_picker.html", context, status=status)
