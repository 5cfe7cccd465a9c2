"""A certification's card, built in Python: the list prints twenty, and the template
included for each was a third of the list's rendering (BENCHMARKS.md)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def certification_card(certification) -> SafeString:
    """The card of a certification with its codes (certifications.loading.load_card_codes):
    its kind, code and whether its RNCP sheet is inactive, its title linked, its level,
    certifier, NSF and ROME codes."""
    kind = f'<span class="tag">{escape(certification.get_kind_display())}</span>'
    if certification.code:
        kind += f' <span class="cert-code">{escape(certification.code)}</span>'
    if not certification.is_active:
        kind += ' <span class="tag tag-inactive">Fiche RNCP inactive</span>'
    facts = ["", "", "", ""]
    if certification.level:
        facts[0] = (
            f"<div><dt>Niveau</dt><dd>{escape(certification.level)} (cadre européen)</dd></div>"
        )
    if certification.certifying_body:
        body = escape(certification.certifying_body)
        facts[1] = f"<div><dt>Certificateur</dt><dd>{body}</dd></div>"
    if certification.card_nsf_codes:
        codes = ", ".join(escape(code) for code in certification.card_nsf_codes)
        facts[2] = f"<div><dt>NSF</dt><dd>{codes}</dd></div>"
    if certification.card_rome_codes:
        codes = ", ".join(escape(code) for code in certification.card_rome_codes)
        facts[3] = f"<div><dt>ROME</dt><dd>{codes}</dd></div>"
    url, title = escape(certification.get_absolute_url()), escape(certification.title)
    return mark_safe(
        f'<li class="card cert-card">\n  <p class="cert-kind">{kind}</p>\n'
        f'  <h2 class="card-title"><a href="{url}">{title}</a></h2>\n'
        '  <dl class="cert-facts">\n'
        + "".join(f"    {fact}\n" for fact in facts)
        + "  </dl>\n</li>\n"
    )
