"""Admin for job sheets: one Career page with every section inline.

The inlines come from the section specs (careers.sections). Missions sit one
level deeper (career → block → mission), so blocks link to their own page.
Tool groups have a page too: CareerSkill picks its group through autocomplete,
which needs a searchable admin. The vocabulary's pages (skills/admin.py) are
extended here with where each item is used.
"""

import reversion
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from core.admin import HistoryAdmin, row_count
from skills import admin as skills_admin
from skills.models import RomeCode, Skill, ToolFamily

from . import freshness
from .admin_import import JobSheetImportAdmin
from .models import (
    Career,
    CareerRome,
    CareerSection,
    CareerSkill,
    FaqEntry,
    Mission,
    MissionBlock,
    ToolGroup,
)
from .sections import SPECS
from .sections.base import ChildInline, StackedChildInline
from .usage import SkillUsage


class InCareerHistory:
    """A row edited on its own page is a version of its career too, with all its rows."""

    def history_owner(self, obj):
        return obj.career

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        reversion.add_to_revision(form.instance.career)


class KeepsSearchFresh:
    """Rebuild the search text of the careers an admin write touched before the page answers.

    The signals (careers.freshness) mark them; the rebuild would otherwise wait for
    the commit.
    """

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        freshness.refresh_stale()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        freshness.refresh_stale()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        freshness.refresh_stale()


class CareerSectionInline(StackedChildInline):
    model = CareerSection
    fields = ["position", "kind", "heading", "subheading", "intro", "note"]


class CareerRomeInline(ChildInline):
    """The ROME codes of the sheet: how it meets the certifications naming them."""

    model = CareerRome
    fields = ["position", "rome_code"]
    autocomplete_fields = ["rome_code"]


@admin.register(Career)
class CareerAdmin(JobSheetImportAdmin, KeepsSearchFresh, HistoryAdmin):
    # Reversion's list ("Récupérer … supprimés") plus « Importer une fiche ».
    change_list_template = "admin/careers/career/change_list.html"
    list_display = [
        "title",
        "is_published",
        "is_synthetic",
        "skill_count",
        "faq_count",
        "updated_at",
        "preview",
    ]
    list_filter = ["is_published", "is_synthetic", "dataset"]
    search_fields = ["title", "summary", "search_text", "rome_codes__code"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["updated_at"]
    fields = [
        "title",
        "slug",
        "summary",
        "is_published",
        "is_synthetic",
        "source_name",
        "updated_at",
    ]
    view_on_site = True
    inlines = [
        CareerRomeInline,
        CareerSectionInline,
        *dict.fromkeys(inline for spec in SPECS for inline in spec.inlines),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                skill_total=row_count(CareerSkill, "career"),
                faq_total=row_count(FaqEntry, "career"),
            )
        )

    @admin.display(description="compétences, outils, contraintes", ordering="skill_total")
    def skill_count(self, career: Career) -> int:
        return career.skill_total

    @admin.display(description="questions", ordering="faq_total")
    def faq_count(self, career: Career) -> int:
        return career.faq_total

    @admin.display(description="aperçu")
    def preview(self, career: Career) -> str:
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">voir la fiche</a>',
            career.get_absolute_url(),
        )


class MissionInline(admin.TabularInline):
    model = Mission
    extra = 0
    ordering = ["position"]
    fields = ["position", "text"]


@admin.register(MissionBlock)
class MissionBlockAdmin(InCareerHistory, KeepsSearchFresh, HistoryAdmin):
    list_display = ["__str__", "career", "position", "mission_count"]
    list_select_related = ["career"]
    search_fields = ["title", "career__title", "missions__text"]
    autocomplete_fields = ["career"]
    fields = ["career", "position", "title"]
    inlines = [MissionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mission_total=row_count(Mission, "block"))

    @admin.display(description="missions", ordering="mission_total")
    def mission_count(self, block: MissionBlock) -> int:
        return block.mission_total


@admin.register(ToolGroup)
class ToolGroupAdmin(InCareerHistory, KeepsSearchFresh, HistoryAdmin):
    list_display = ["__str__", "career", "family", "position", "tool_count"]
    list_select_related = ["career", "family"]
    search_fields = ["career__title", "family__name"]
    autocomplete_fields = ["career", "family"]
    fields = ["career", "position", "family", "description"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(tool_total=row_count(CareerSkill, "tool_group"))
        )

    @admin.display(description="outils", ordering="tool_total")
    def tool_count(self, group: ToolGroup) -> int:
        return group.tool_total


# --- The vocabulary, with where it is used -------------------------------------------------


admin.site.unregister([Skill, ToolFamily, RomeCode])


@admin.register(Skill)
class SkillAdmin(KeepsSearchFresh, HistoryAdmin, skills_admin.SkillAdmin):
    list_display = [*skills_admin.SkillAdmin.list_display, "career_count"]
    fields = [*skills_admin.SkillAdmin.fields, "careers"]
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


@admin.register(SkillUsage)
class SkillUsageAdmin(admin.ModelAdmin):
    """What the site shows of each item's use, as the database keeps it (careers.usage):
    to read, never to edit."""

    list_display = ["skill", "kind", "careers"]
    list_filter = ["skill__kind"]
    list_select_related = ["skill"]
    search_fields = ["skill__name", "skill__search_text"]
    ordering = ["-careers", "skill__name"]

    @admin.display(description="type", ordering="skill__kind")
    def kind(self, usage: SkillUsage) -> str:
        return usage.skill.get_kind_display()

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ToolFamily)
class ToolFamilyAdmin(KeepsSearchFresh, HistoryAdmin, skills_admin.ToolFamilyAdmin):
    list_display = [*skills_admin.ToolFamilyAdmin.list_display, "career_count"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(career_total=Count("career_groups"))

    @admin.display(description="utilisée par (fiches)", ordering="career_total")
    def career_count(self, family: ToolFamily) -> int:
        return family.career_total


@admin.register(RomeCode)
class RomeCodeAdmin(skills_admin.RomeCodeAdmin):
    list_display = [*skills_admin.RomeCodeAdmin.list_display, "certification_count"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(certification_total=Count("certifications"))

    @admin.display(description="certifications", ordering="certification_total")
    def certification_count(self, code: RomeCode) -> int:
        return code.certification_total
