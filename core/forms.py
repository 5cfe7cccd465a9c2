"""The query string of a catalogue list: the convention every list page follows.

A value that cannot be read drops its filter, never the page, and a notice names
it; `page` past the last page is a 404 (the view's Paginator), a page number that
cannot be read is page 1.
"""

from django import forms


class FilterForm(forms.Form):
    page = forms.IntegerField(label="Page", required=False, min_value=1, max_value=100_000)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Valid values the view could not use either (an unknown skill), named for the reader.
        self.ignored: list[str] = []

    def notices(self) -> list[str]:
        """One short sentence per ignored parameter, for the reader (and the JSON twin)."""
        invalid = [
            f"{self.fields[name].label} : « {self.data.get(name, '')} » n'est pas valable, ignoré."
            for name in self.errors
            if name in self.fields and name != "page"
        ]
        return invalid + self.ignored

    def value(self, name: str):
        return self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None

    @property
    def page_number(self) -> int:
        return self.value("page") or 1
