"""Admin for the shared vocabulary (the site's titles are set in config/admin.py)."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

import config.admin  # noqa: F401  (sets the admin site's titles)

from .models import Skill, ToolFamily


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "career_count"]
    list_filter = ["kind"]
    # search_text is the accent-free copy: "epanouissement" finds "épanouissement".
    search_fields = ["name", "search_text", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["kind", "name", "slug", "careers"]
    readonly_fields = ["careers"]

    def get_queryset(self, request):
        # Links are unique per (career, skill): counting them counts careers.
        return super().get_queryset(request).annotate(career_total=Count("career_links"))

    @admin.display(description="utilisé par (fiches)", ordering="career_total")
    def career_count(self, skill: Skill) -> int:
        return skill.career_total

    @admin.display(description="fiches métiers qui l'utilisent")
    def careers(self, skill: Skill) -> str:
        links = skill.career_links.select_related("career").order_by("career__title")
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            (
                (reverse("admin:careers_career_change", args=[link.career_id]), link.career.title)
                for link in links
            ),
        )
        return format_html("<ul>{}</ul>", items) if items else "Aucune fiche."


@admin.register(ToolFamily)
class ToolFamilyAdmin(admin.ModelAdmin):
    list_display = ["name", "career_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(career_total=Count("career_groups"))

    @admin.display(description="utilisée par (fiches)", ordering="career_total")
    def career_count(self, family: ToolFamily) -> int:
        return family.career_total
