"""A « Trouver mon métier » result, built in Python: a page prints ten, each some twenty
criteria and skills, and the template included for each, with its loops, was most of the
page's rendering (BENCHMARKS.md). Loaded as `{% load fits %}` (settings: TEMPLATES'
libraries; orientation is no app)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from careers.templatetags.careers_tags import compare_button, yearly_range
from core.templatetags.formatting import euros, fr_plural

register = template.Library()


@register.simple_tag(takes_context=True)
def fit_card(context, fit, profile) -> SafeString:
    """One ranked career (orientation.explanation.Fit) and why it has its score: its
    criteria, then each paragraph the fit has (skills used and to acquire, constraints to
    avoid, criteria not compared, fulfilment, starting salary), its certifications."""
    career = fit.career
    head = (
        f'\n\n\n<li class="card fit">\n  <div class="fit-head">\n'
        f'    <h3><a href="{escape(career.get_absolute_url())}">{escape(career.title)}</a></h3>\n'
        f'    <p class="fit-score"><strong>{escape(fit.score)}</strong> <span class="muted">/ 100'
        '</span><span class="visually-hidden"> : score d\'adéquation</span></p>\n  </div>\n'
        f'  <dl class="fit-criteria">{fit_criteria(fit.criteria)}</dl>\n'
    )
    paragraphs = "".join(
        f"  \n    {paragraph}\n  \n" if paragraph else "  \n"
        for paragraph in _paragraphs(fit, profile)
    )
    tail = (
        f"  {_certifications(fit.certifications)}\n"
        '  <p class="fit-links"><a href="#calcul">Comment ce score est calculé</a></p>\n'
        f"  {compare_button(context, career)}\n</li>\n\n"
    )
    return mark_safe(head + paragraphs + tail)


def _paragraphs(fit, profile) -> list[str]:
    """The optional paragraphs of a result, in order; "" for each the fit lacks."""
    used = acquire = avoided = not_compared = fulfilment = salary = ""
    if fit.used:
        used = f"<p><strong>Vos compétences qu'il utilise</strong> : {skill_uses(fit.used)}</p>"
    if fit.to_acquire:
        more = fit.to_acquire_more
        others = f" et {more} autre{fr_plural(more)}" if more else ""
        acquire = (
            "<p><strong>À acquérir</strong>, les plus importantes d'abord : "
            f"{skill_uses(fit.to_acquire)}{others}.</p>"
        )
    if fit.avoided_present:
        names = ", ".join(escape(item.name) for item in fit.avoided_present)
        avoided = f"<p><strong>Contraintes que vous préférez éviter</strong> : {names}.</p>"
    if fit.not_compared:
        names = ", ".join(
            f"{escape(item.name)} ({escape(item.kind_label.lower())})" for item in fit.not_compared
        )
        not_compared = (
            f'<p class="muted">Non comparés, la fiche n\'ayant pas cette rubrique : {names}.</p>'
        )
    if fit.weighted_fulfilment:
        rows = " · ".join(
            f"{escape(row.label)} "
            f"{'non renseigné' if row.percent is None else f'{escape(row.percent)} %'}"
            f' <span class="muted">(pour vous : {escape(row.weight_label.lower())})</span>'
            for row in fit.weighted_fulfilment
        )
        fulfilment = f"<p><strong>Épanouissement</strong> : {rows}</p>"
    if fit.starting_salary:
        low, high = fit.starting_salary[0], fit.starting_salary[1]
        minimum = ""
        if profile.min_salary is not None:
            minimum = (
                f' <span class="muted">(votre minimum : {escape(euros(profile.min_salary))})</span>'
            )
        salary = f"<p><strong>Salaire de départ</strong> : {yearly_range(low, high)}{minimum}</p>"
    return [used, acquire, avoided, not_compared, fulfilment, salary]


def _certifications(hints) -> str:
    """The certifications leading to a result's career, and those at its first level."""
    if not (hints.by_rome or hints.at_level):
        return ""

    def links(certifications) -> str:
        return ", ".join(
            f'<a href="{escape(item.get_absolute_url())}">{escape(item.title)}</a>'
            for item in certifications
        )

    by_rome = ""
    if hints.by_rome:
        by_rome = f"qui mènent à ce métier : {links(hints.by_rome)}"
        if hints.at_level:
            by_rome += " ; "
    at_level = ""
    if hints.at_level:
        at_level = (
            f"au niveau de son premier diplôme (niveau {escape(hints.level)} européen, sans lien"
            f" direct) : {links(hints.at_level)}"
        )
    return (
        f"\n    <p><strong>Certifications</strong> :\n      {by_rome}\n      {at_level}.\n"
        "    </p>\n  "
    )


@register.simple_tag
def fit_criteria(criteria) -> SafeString:
    """Each criterion (orientation.explanation.Criterion) as a <div> of the result's <dl>:
    its label and coefficient, its points out of 100 or « non compté », its sentence."""
    rows = []
    for criterion in criteria:
        if criterion.points is None:
            points = "<strong>non compté</strong>"
        else:
            points = f"<strong>{criterion.points} / 100</strong>"
        rows.append(
            f'<div class="fit-criterion"><dt>{escape(criterion.label)} <span class="muted">'
            f"(coefficient {criterion.coefficient})</span></dt>"
            f"<dd>{points} — {escape(criterion.detail)}</dd></div>"
        )
    return mark_safe("".join(rows))


@register.simple_tag
def skill_uses(uses) -> SafeString:
    """Skills (orientation.explanation.SkillUse) in a sentence: each name, then its score
    on the sheet or its kind, comma-separated."""
    items = []
    for use in uses:
        how = f"{use.score}/100" if use.score is not None else escape(use.kind_label.lower())
        items.append(f'{escape(use.name)} <span class="muted">({how})</span>')
    return mark_safe(", ".join(items))


@register.simple_tag
def choice_items(name: str, items, ticked: bool = False) -> SafeString:
    """A picker's checkboxes (orientation.pickers.Item), as <li> items: those ticked say
    their kind. The constraints' picker lists every constraint of the site."""
    rows = []
    for item in items:
        slug, field = escape(item.slug), f"{escape(name)}-{escape(item.slug)}"
        label = escape(item.name)
        if ticked:
            label += f' <span class="muted">({escape(item.kind_label)})</span>'
        rows.append(
            f'<li><input type="checkbox" name="{escape(name)}" value="{slug}" id="{field}"'
            f'{" checked" if ticked else ""}> <label for="{field}">{label}</label></li>'
        )
    return mark_safe("".join(rows))
