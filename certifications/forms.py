"""The query string of /certifications/: search, filters and page."""

from django import forms

from .models import EUROPEAN_LEVELS, CertificationKind, NsfCode, RomeCode

ANY = ("", "Tous")


class CertificationFilterForm(forms.Form):
    """Bound to request.GET; an invalid value is dropped (and named), never an error page."""

    q = forms.CharField(label="Rechercher une certification", required=False, max_length=200)
    type = forms.ChoiceField(
        label="Type", required=False, choices=[ANY, *CertificationKind.choices]
    )
    niveau = forms.TypedChoiceField(
        label="Niveau européen",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[ANY, *((str(level), f"Niveau {level}") for level in EUROPEAN_LEVELS)],
    )
    nsf = forms.ChoiceField(label="Code NSF", required=False)
    rome = forms.ChoiceField(label="Code ROME", required=False)
    page = forms.IntegerField(label="Page", required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nsf"].choices = [ANY, *code_choices(NsfCode.objects.in_use())]
        self.fields["rome"].choices = [ANY, *code_choices(RomeCode.objects.in_use())]

    def filters(self) -> dict:
        """The valid, non-empty values; call after is_valid()."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "page" and value not in ("", None)
        }

    def ignored(self) -> list[str]:
        """Labels of the parameters whose value was not understood."""
        return [self.fields[name].label for name in self.errors]


def code_choices(codes) -> list[tuple[str, str]]:
    return [(code.code, str(code)) for code in codes]
