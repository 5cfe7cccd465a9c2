"""Admin for job sheets: one Career page with every section inline.

Missions sit one level deeper (career → block → mission), so blocks link to
their own page. Tool groups have a page too: CareerSkill picks its group
through autocomplete, which needs a searchable admin.
"""

from django.contrib import admin
from django.utils.html import format_html

from config.admin import row_count

from .models import (
    Career,
    CareerSection,
    CareerSkill,
    EducationLevel,
    ExperiencePath,
    FaqEntry,
    FulfilmentScore,
    Mission,
    MissionBlock,
    SalaryBand,
    ToolGroup,
)
from .services import refresh_search_text


class CareerChildInline(admin.TabularInline):
    extra = 0
    ordering = ["position"]

    def get_queryset(self, request):
        # Each row's __str__ names its career: fetch it with the row.
        return super().get_queryset(request).select_related("career")


class CareerChildStackedInline(admin.StackedInline):
    extra = 0
    ordering = ["position"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("career")


class CareerSectionInline(CareerChildStackedInline):
    model = CareerSection
    fields = ["position", "kind", "heading", "subheading", "intro", "note"]


class FulfilmentScoreInline(CareerChildInline):
    model = FulfilmentScore
    fields = ["position", "dimension", "percent", "hint"]


class MissionBlockInline(CareerChildInline):
    model = MissionBlock
    fields = ["position", "title", "mission_count"]
    readonly_fields = ["mission_count"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mission_total=row_count(Mission, "block"))

    @admin.display(description="missions")
    def mission_count(self, block: MissionBlock) -> int:
        return getattr(block, "mission_total", 0)


class CareerSkillInline(admin.TabularInline):
    model = CareerSkill
    extra = 0
    ordering = ["position"]
    fields = ["position", "skill", "description", "score", "keywords", "tool_group"]
    autocomplete_fields = ["skill", "tool_group"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("career", "skill")


class ToolGroupInline(CareerChildInline):
    model = ToolGroup
    fields = ["position", "family", "description"]
    autocomplete_fields = ["family"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("family")


class EducationLevelInline(CareerChildStackedInline):
    model = EducationLevel
    fields = [
        "position",
        ("name", "level_label", "ects"),
        "description",
        "career_text",
        "note",
        "programmes_label",
    ]


class ExperiencePathInline(CareerChildStackedInline):
    model = ExperiencePath
    fields = ["position", "title", "description"]


class SalaryBandInline(CareerChildInline):
    model = SalaryBand
    fields = ["position", "label", "experience", "min_eur", "max_eur", "period"]


class FaqEntryInline(CareerChildStackedInline):
    model = FaqEntry
    fields = ["position", "question", "answer"]


@admin.register(Career)
class CareerAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "is_published",
        "is_synthetic",
        "skill_count",
        "faq_count",
        "updated_at",
        "preview",
    ]
    list_filter = ["is_published", "is_synthetic"]
    search_fields = ["title", "summary", "search_text"]
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
        CareerSectionInline,
        FulfilmentScoreInline,
        MissionBlockInline,
        CareerSkillInline,
        ToolGroupInline,
        EducationLevelInline,
        ExperiencePathInline,
        SalaryBandInline,
        FaqEntryInline,
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_text(career_id=form.instance.pk)

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
class MissionBlockAdmin(admin.ModelAdmin):
    list_display = ["__str__", "career", "position", "mission_count"]
    list_select_related = ["career"]
    search_fields = ["title", "career__title", "missions__text"]
    autocomplete_fields = ["career"]
    fields = ["career", "position", "title"]
    inlines = [MissionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mission_total=row_count(Mission, "block"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_text(career_id=form.instance.career_id)

    @admin.display(description="missions", ordering="mission_total")
    def mission_count(self, block: MissionBlock) -> int:
        return block.mission_total


@admin.register(ToolGroup)
class ToolGroupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "career", "family", "position", "tool_count"]
    list_select_related = ["career", "family"]
    search_fields = ["career__title", "family__name"]
    autocomplete_fields = ["career", "family"]
    fields = ["career", "position", "family", "description"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(tool_total=row_count(CareerSkill, "tool_group"))
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_text(career_id=form.instance.career_id)

    @admin.display(description="outils", ordering="tool_total")
    def tool_count(self, group: ToolGroup) -> int:
        return group.tool_total
