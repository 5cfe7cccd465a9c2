"""The parts of a « Trouver mon métier » result printed once per criterion or skill, built
in Python: a page of ten results prints some two hundred, and the template's loops over
them were most of its rendering (BENCHMARKS.md). Loaded as `{% load fits %}` (settings:
TEMPLATES' libraries; orientation is no app)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


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
