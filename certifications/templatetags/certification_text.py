"""Filters that show the sources' plain text faithfully, as HTML."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

LIST_MARK = "- "

# As django.utils.html.json_script: no "<", ">" or "&" survives, so "</script>" cannot close
# the element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def text_blocks(text: str) -> SafeString:
    """Lines starting with "- " become one list per run; every other line is a paragraph."""
    html, items = [], []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(LIST_MARK):
            items.append(f"<li>{escape(line[len(LIST_MARK) :].strip())}</li>")
            continue
        if items:
            html.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if line:
            html.append(f"<p>{escape(line)}</p>")
    if items:
        html.append(f"<ul>{''.join(items)}</ul>")
    # Safe: every piece of source text was escaped above.
    return mark_safe("\n".join(html))


@register.filter
def one_line(text: str) -> str:
    """Collapse line breaks and runs of spaces, for attributes such as the meta description."""
    return " ".join(text.split())


@register.filter
def json_ld(data: dict) -> SafeString:
    """A dict as a <script type="application/ld+json"> block, escaped like json_script."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Safe once translated: no "<", ">" or "&" is left in the payload.
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_SCRIPT_ESCAPES)),
    )


@register.filter
def fr_plural(count: int, suffix: str = "s") -> str:
    """French plural: "0 métier", "1 métier", "2 métiers" (pluralize would write "0 métiers")."""
    return suffix if count > 1 else ""
