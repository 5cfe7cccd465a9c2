"""The query string of a catalogue list: the convention every list page follows.

A value that cannot be read drops its filter, never the page, and a notice names
it; `page` past the last page is a 404 (the view's Paginator), a page number that
cannot be read is page 1.

A list page is kept in the page cache (core.http.render_shared) under its parameters'
canonical form (`canonical_query`), never the raw address, and only when every value
is one the site's own links and forms send: see there.
"""

from django import forms
from django.http import QueryDict
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


class PlainSelect(forms.Select):
    """A <select> rendered in Python: the HTML of Django's own templates, byte for byte,
    without an include of a template per option. The certification list's code lists
    have one option per code in use, and their templates were a quarter of its page."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',
                    str(option["value"]),
                    _attrs(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


def _attrs(attrs: dict) -> SafeString:
    """What django/forms/widgets/attrs.html writes of a widget's attributes."""
    return mark_safe(
        "".join(
            f" {conditional_escape(name)}"
            + ("" if value is True else f'="{conditional_escape(str(value))}"')
            for name, value in attrs.items()
            if value is not False
        )
    )


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

    # Numbers the form's inputs step by (step="1000"): another value filters as well, but is
    # not kept in the page cache, whose keys stay among the values the site's forms send.
    steps: dict[str, int] = {}

    def cleaned_query(self) -> QueryDict:
        """The valid values as a query string writes them: known parameters only, in the
        form's order, trimmed, numbers as numbers ("020" is "20"), page 1 left out.

        What the page's own links start from, whatever the address looked like.
        """
        query = QueryDict(mutable=True)
        for name in self.fields:
            value = self.value(name)
            # Not `value in (…)`: 0 == False, and a salary of 0 € is a filter of its own.
            if value is None or value is False or value in ("", [], ()):
                continue
            if name == "page" and value == 1:
                continue
            values = value if isinstance(value, list | tuple) else [value]
            query.setlist(name, [self.query_value(item) for item in values])
        return query

    def query_value(self, value) -> str:
        """One cleaned value as the query string writes it."""
        return "1" if value is True else str(value)

    def canonical_query(self) -> QueryDict | None:
        """The parameters as the page cache's key (core.http.render_shared): `cleaned_query`,
        or None when they must not make a key — a value was dropped (a notice names it) or
        falls off its input's step. Call after is_valid()."""
        if self.notices():
            return None
        for name, step in self.steps.items():
            if self.value(name) is not None and self.value(name) % step:
                return None
        return self.cleaned_query()

    def value(self, name: str):
        return self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None

    @property
    def page_number(self) -> int:
        return self.value("page") or 1
