from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Skill, SkillKind

# The vocabulary's kinds, in the order a job sheet presents them.
GROUP_HEADINGS = [
    (SkillKind.SOFT, "Soft skills"),
    (SkillKind.HARD, "Hard skills"),
    (SkillKind.TOOL, "Outils"),
    (SkillKind.CONSTRAINT, "Contraintes"),
]


@require_safe
def skill_list(request):
    # PostgreSQL rejects NUL characters in text parameters.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    skills = list(Skill.objects.with_usage().search(query).order_by("name"))
    groups = [
        (kind, heading, [skill for skill in skills if skill.kind == kind])
        for kind, heading in GROUP_HEADINGS
    ]
    context = {"nav": "skills", "query": query, "groups": groups, "total": len(skills)}
    return render(request, "skills/skill_list.html", context)


@require_safe
def skill_detail(request, slug):
    skill = get_object_or_404(Skill, slug=slug)
    context = {"nav": "skills", "skill": skill, "uses": skill.published_uses()}
    return render(request, "skills/skill_detail.html", context)
