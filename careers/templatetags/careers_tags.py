"""Markup printed once per item of a long list, built in Python: the career list's facet
ticks, the "Ajouter à la comparaison" form of every card, the rows of a comparison and
the items of a ROME fiche."""

from django import template
from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from careers.querysets import CARD_HARD_SKILLS
from core.site import slug_path
from core.templatetags.formatting import euros

register = template.Library()

COMPARE_BUTTON = (
    '<form class="compare-add no-print" method="post" action="{url}" hx-post="{url}" '
    'hx-target="#tray" hx-swap="innerHTML">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    '<input type="hidden" name="metier" value="{slug}">'
    '<input type="hidden" name="next" value="{next}">'
    '<button type="submit" class="secondary">Ajouter à la comparaison'
    '<span class="visually-hidden"> : {title}</span></button></form>'
)


@register.simple_tag
def facet_checkboxes(group: dict) -> SafeString:
    """The ticks of one skill facet of the career list, as <li> items.

    Built here with plain string formatting rather than by a template loop or
    format_html: a filtered list of a large catalogue carries hundreds of them, and
    the loop was the largest part of the page's profile.
    """
    param = escape(group["param"])
    items = []
    for option in group["options"]:
        slug, name = escape(option["slug"]), escape(option["name"])
        count = formats.number_format(option["count"], use_l10n=True, force_grouping=True)
        checked = " checked" if option["checked"] else ""
        items.append(
            f'<li><input type="checkbox" form="filtres" name="{param}" value="{slug}" '
            f'id="{param}-{slug}"{checked}> <label for="{param}-{slug}">{name} '
            f'<span class="count">{count}</span></label></li>'
        )
    return mark_safe("\n".join(items))


@register.simple_tag(takes_context=True)
def compare_button(context, career, next_url: str = "") -> SafeString:
    """ "Ajouter à la comparaison": a real POST form that comes back to `next_url` (this page
    by default); with htmx, the tray's content is swapped in place.

    A tag rather than an include: a list prints one per card, and the include redid its
    two {% url %}, the token and the path for each (BENCHMARKS.md, issue 19). The form's
    address is resolved once (core.site.slug_path).
    """
    return format_html(
        COMPARE_BUTTON,
        url=slug_path("compare:add"),
        token=context.get("csrf_token", ""),
        slug=career.slug,
        next=next_url or context.request.get_full_path(),
        title=career.title,
    )


def yearly_range(low, high) -> str:
    """A starting salary as a card and a « Trouver mon métier » result say it, escaped:
    "22 000 € – 26 000 € brut par an"."""
    return f"{escape(euros(low))} – {escape(euros(high))} brut par an"


@register.simple_tag(takes_context=True)
def career_card(context, career, searching) -> SafeString:
    """A career of the list, as a card: its title linked, the other name a search found
    it by (`searching`: the list has words), its summary, starting salary and first three
    hard skills with their scores, and its "Ajouter à la comparaison" form.

    Built with plain strings: the list prints twenty, and the template's loop over them
    was half of its rendering.
    """
    url, title = escape(career.get_absolute_url()), escape(career.title)
    aliases = getattr(career, "search_aliases", None)
    alias = ""
    if searching and aliases and not getattr(career, "title_hit", None):
        alias = f'<p class="muted">Appellation : {escape(aliases[0].label)}</p>'
    salary = ""
    if career.starting_salary_min is not None:
        low, high = career.starting_salary_min, career.starting_salary_max
        salary = (
            '\n              <p class="card-salary"><span class="muted">Salaire de départ :</span>'
            f" {yearly_range(low, high)}</p>\n            "
        )
    skills = ""
    if career.top_hard_skills:
        items = "".join(
            f"<li>{escape(link.skill.name)}"
            + ("" if link.score is None else f' <span class="score">{link.score}/100</span>')
            + "</li>"
            for link in career.top_hard_skills[:CARD_HARD_SKILLS]
        )
        skills = (
            '\n              <p class="muted card-skills-title">Hard skills principaux :</p>\n'
            f'              <ul class="card-skills">\n                {items}\n'
            "              </ul>\n            "
        )
    return mark_safe(
        f'<li class="card career-card">\n            <h3><a href="{url}">{title}</a></h3>\n'
        f"            {alias}\n            <p>{escape(career.summary)}</p>\n"
        f"            {salary}\n            {skills}\n"
        f"            {compare_button(context, career)}\n          </li>"
    )


YES = '<span aria-hidden="true">✓</span><span class="visually-hidden">oui</span>'
TICK_ONLY = '<span class="tick" aria-hidden="true">✓</span>'
TICK = f'{TICK_ONLY}<span class="visually-hidden">oui</span>'
NO = '<span aria-hidden="true">—</span><span class="visually-hidden">non</span>'
KEY_SKILL = ' <span class="tag tag-core">Compétence clé</span>'
EMERGING_SKILL = ' <span class="tag tag-emerging">Compétence émergente</span>'


@register.simple_tag
def compare_row(row, scored: bool = False) -> SafeString:
    """One item of a comparison table (careers.comparison.SkillRow): its name and how many
    careers share it, then one cell per career, a score (`scored`) or a tick, a ROME fiche's
    key skills tagged.

    Built with plain strings: a comparison of four careers prints hundreds of rows, and
    the template's loop over the cells was most of the page's rendering.
    """
    cells = []
    for link in row.cells:
        if link is None:
            value = NO
        elif scored:
            value = YES if link.score is None else str(link.score)
        else:
            value = TICK + (KEY_SKILL if link.is_core else "")
        cells.append(f'<td class="compare-value">{value}</td>')
    marked = ' class="row-shared"' if row.shared else ""
    heading = compare_heading(row)
    return mark_safe(f'<tr{marked}><th scope="row">{heading}</th>{"".join(cells)}</tr>')


COMPARE_COLUMN = (
    '\n    <th scope="col" class="compare-col series-head-{number}">\n'
    '      <svg class="legend-key" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true"'
    ' focusable="false"><line class="series-line series-{number}" x1="2" y1="8" x2="38" y2="8"/>'
    '<path class="series-marker series-{number}" d="{marker}"/></svg>\n'
    '      <a href="{url}">{title}</a>\n    </th>\n    '
)


@register.simple_tag
def compare_thead(columns, corner, gap="") -> SafeString:
    """The column headings of a comparison table: the corner's, one per career in URL
    order (its legend key, its link), and the gap's if there is one.

    Built with plain strings: a comparison prints it over each of its ten tables, and
    the template included each time was a sixth of the page's rendering.
    """
    cells = "".join(
        COMPARE_COLUMN.format(
            number=column.number,
            marker=escape(column.legend_marker),
            url=escape(column.career.get_absolute_url()),
            title=escape(column.career.title),
        )
        for column in columns
    )
    gap_cell = f'<th scope="col" class="compare-gap">{escape(gap)}</th>' if gap else ""
    return mark_safe(
        '\n<thead>\n  <tr>\n    <th scope="col" class="compare-corner">'
        f"{escape(corner)}</th>\n    {cells}\n    {gap_cell}\n  </tr>\n</thead>\n"
    )


@register.simple_tag
def compare_tool_row(row) -> SafeString:
    """One tool of a comparison (careers.comparison.ToolRow): its name, then per career a
    tick, a tick noting the other family the career files it under, or a dash."""
    cells = []
    for cell in row.cells:
        if cell.listed:
            value = TICK
        elif cell.elsewhere:
            family = escape(cell.other_family.name) if cell.other_family else "Autres outils"
            value = f'{TICK_ONLY} <span class="muted">dans « {family} »</span>'
        else:
            value = NO
        cells.append(f'\n        <td class="compare-value">{value}</td>\n        ')
    marked = ' class="row-shared"' if row.shared else ""
    return mark_safe(
        f'\n      <tr{marked}>\n        <th scope="row">{compare_heading(row)}</th>\n        '
        f"{''.join(cells)}\n      </tr>\n      "
    )


@register.simple_tag
def compare_heading(row) -> SafeString:
    """A comparison row's item, linked, and how many of the compared careers share it."""
    skill = row.skill
    name = f'<a href="{escape(skill.get_absolute_url())}">{escape(skill.name)}</a>'
    if row.shared:
        return mark_safe(f'{name} <span class="badge-shared">En commun</span>')
    if row.share_count > 1:
        badge = f'<span class="badge-partial">Commun à {row.share_count} métiers</span>'
        return mark_safe(f"{name} {badge}")
    return mark_safe(name)


@register.simple_tag
def grouped_links(links) -> SafeString:
    """One group of a ROME fiche's items (CareerSkill links) as a list of links, the heart
    of the job and the emerging skills tagged.

    Built with plain strings: a fiche lists some eighty, and the template's loop over
    them was the largest part of its rendering (4.6 ms of 11, BENCHMARKS.md).
    """
    items = []
    for link in links:
        skill = link.skill
        tag = KEY_SKILL if link.is_core else EMERGING_SKILL if link.is_emerging else ""
        url, name = escape(skill.get_absolute_url()), escape(skill.name)
        items.append(f'<li><a href="{url}">{name}</a>{tag}</li>')
    return mark_safe(f'<ul class="grouped-skills">\n  {"".join(items)}\n</ul>')
