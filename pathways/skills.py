"""The vocabulary's pages and API: each item with the careers that use it (careers app), so
they live above the skills app, which never names careers."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from careers.models import CareerSkill
from careers.querysets import career_counts_by_skill, with_career_counts
from core.opendata import ApiError, api_page, json_response, json_view, page_payload
from core.redirects import redirect_if_moved
from core.search import MAX_QUERY_LENGTH
from core.site import absolute_url
from skills.models import Skill, SkillKind

# The vocabulary's kinds, in the order a job sheet presents them.
GROUP_HEADINGS = [
    (SkillKind.SOFT, "Soft skills"),
    (SkillKind.HARD, "Hard skills"),
    (SkillKind.TOOL, "Outils"),
    (SkillKind.CONSTRAINT, "Contraintes"),
]


@require_safe
def skill_list(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    skills = list(Skill.objects.search(query).order_by("name"))
    counts = career_counts_by_skill()
    for skill in skills:
        skill.career_count = counts.get(skill.pk, 0)
    groups = [
        (kind, heading, [skill for skill in skills if skill.kind == kind])
        for kind, heading in GROUP_HEADINGS
    ]
    context = {"nav": "skills", "query": query, "groups": groups, "total": len(skills)}
    return render(request, "skills/skill_list.html", context)


@require_safe
def skill_detail(request, slug):
    skill = Skill.objects.select_related("dataset").filter(slug=slug).first()
    if skill is None:
        return redirect_if_moved(Skill.objects.all(), slug)
    context = {"nav": "skills", "skill": skill, "uses": CareerSkill.objects.uses_of(skill)}
    return render(request, "skills/skill_detail.html", context)


def skill_payload(skill: Skill) -> dict:
    return {
        "slug": skill.slug,
        "name": skill.name,
        "kind": skill.kind,
        "kind_label": skill.get_kind_display(),
        "career_count": skill.career_count,
        "url": absolute_url(skill.get_absolute_url()),
    }


@json_view
def api_skill_list(request):
    """Every vocabulary item, by kind then name; `?kind=soft|hard|tool|constraint` narrows."""
    skills = with_career_counts(Skill.objects.order_by("kind", "name", "pk"))
    kind = request.GET.get("kind", "")
    if kind:
        if kind not in SkillKind.values:
            raise ApiError(400, f"« kind » vaut {', '.join(SkillKind.values)}, pas « {kind} ».")
        skills = skills.of_kind(kind)
    page = api_page(request, skills)
    return json_response(page_payload(request, page, [skill_payload(skill) for skill in page]))
