"""The query string of /certifications/: search, filters and page."""

from django import forms

from core import cache
from core.forms import FilterForm, PlainSelect
from skills.models import RomeCode

from .models import EUROPEAN_LEVELS, Certification, CertificationKind, NsfCode

ANY = ("", "Tous")
# Query-string name → keyword of CertificationQuerySet.filter_by.
FILTER_KEYWORDS = {
    "q": "query",
    "type": "kind",
    "niveau": "level",
    "nsf": "nsf",
    "rome": "rome",
    "inactives": "inactive",
}


class CertificationFilterForm(FilterForm):
    """Bound to request.GET; an invalid value is dropped (and named), never an error page."""

    q = forms.CharField(label="Rechercher une certification", required=False, max_length=200)
    type = forms.ChoiceField(
        label="Type", required=False, choices=[ANY, *CertificationKind.choices], widget=PlainSelect
    )
    niveau = forms.TypedChoiceField(
        label="Niveau européen",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[ANY, *((str(level), f"Niveau {level}") for level in EUROPEAN_LEVELS)],
        widget=PlainSelect,
    )
    nsf = forms.ChoiceField(label="Code NSF", required=False, widget=PlainSelect)
    rome = forms.ChoiceField(label="Code ROME", required=False, widget=PlainSelect)
    inactives = forms.BooleanField(label="Inclure les fiches RNCP inactives", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        nsf, rome = code_choices()
        self.fields["nsf"].choices = [ANY, *nsf]
        self.fields["rome"].choices = [ANY, *rome]

    def filters(self) -> dict:
        """The valid, non-empty values, by parameter; call after is_valid()."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "page" and value not in ("", None, False)
        }

    def certifications(self, *, leave_out: str = ""):
        """Published certifications matching the filters, except the one named `leave_out`.

        A facet counts without its own filter, so each option shows what choosing it gives.
        """
        filters = {
            FILTER_KEYWORDS[name]: value
            for name, value in self.filters().items()
            if name != leave_out
        }
        return Certification.objects.published().filter_by(**filters)


def code_choices() -> tuple[list, list]:
    """The NSF and ROME codes that at least one published certification carries: the same
    for every visitor of the list, kept until a certification or a code changes (core.cache)."""

    def in_use(codes) -> list[tuple[str, str]]:
        used = codes.filter(certifications__is_published=True).distinct()
        return [(code.code, str(code)) for code in used]

    return cache.get_or_set(
        "certification-codes",
        (),
        lambda: (in_use(NsfCode.objects), in_use(RomeCode.objects)),
        part=cache.CERTIFICATIONS,
    )
