"""How the site writes numbers and the sources' plain text in HTML: French money, paragraphs,
lists, plurals, JSON-LD."""

import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

NARROW_NO_BREAK_SPACE = "\u202f"
NO_BREAK_SPACE = "\xa0"
BLANK_LINE = re.compile(r"\n\s*\n")
LIST_MARK = "- "

# The same escapes as Django's json_script: "</script>" or "<!--" in content cannot
# close or comment out the element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def number(value) -> str:
    """12345 → "12 345": French grouping by narrow no-break spaces, never split."""
    if value is None or value == "":
        return ""
    if type(value) is int:  # the common case, far cheaper than Django's localisation
        return format(value, ",d").replace(",", NARROW_NO_BREAK_SPACE)
    grouped = formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    return grouped.replace(NO_BREAK_SPACE, NARROW_NO_BREAK_SPACE).replace(
        " ", NARROW_NO_BREAK_SPACE
    )


@register.filter
def euros(value) -> str:
    """22000 → "22 000 €": grouped as `number`, never split from its sign."""
    if value is None or value == "":
        return ""
    return f"{number(value)}{NO_BREAK_SPACE}€"


@register.filter
def paragraphs(text: str) -> list[str]:
    """Split a text stored as paragraphs separated by blank lines."""
    if not text:
        return []
    return [part.strip() for part in BLANK_LINE.split(text.strip()) if part.strip()]


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
def fr_plural(count: int, suffix: str = "s") -> str:
    """French plural: "0 métier", "1 métier", "2 métiers" (pluralize would write "0 métiers")."""
    return suffix if count > 1 else ""


@register.filter
def jsonld(data) -> SafeString:
    """A `<script type="application/ld+json">` element, escaped like `json_script`."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Safe once translated: no "<", ">" or "&" is left in the payload.
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_SCRIPT_ESCAPES)),
    )
