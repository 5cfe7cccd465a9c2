"""Admin for certifications and their parts.

A certification's page holds its components, ROME codes, activities and
other rubrics inline; competences and activity tasks sit one level deeper,
on the component's and the activity's own pages.
"""

import reversion
from django.contrib import admin
from django.db.models import Count

from core.admin import HistoryAdmin, row_count

from .models import (
    Activity,
    ActivityTask,
    Certification,
    CertificationRome,
    CertificationSection,
    Competence,
    Component,
    NsfCode,
)


class InCertificationHistory:
    """A component or an activity edited on its own page is a version of its certification
    too, with all its rows."""

    def history_owner(self, obj):
        return obj.certification

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        reversion.add_to_revision(form.instance.certification)


class ComponentInline(admin.StackedInline):
    model = Component
    extra = 0
    ordering = ["position"]
    fields = ["position", ("label", "code"), "title", "description", "evaluation"]
    show_change_link = True


class CertificationRomeInline(admin.TabularInline):
    model = CertificationRome
    extra = 0
    ordering = ["position"]
    fields = ["position", "rome_code", "label"]
    autocomplete_fields = ["rome_code"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("rome_code")


class ActivityInline(admin.StackedInline):
    """Units are picked on the activity's own page, among this certification's components."""

    model = Activity
    extra = 0
    ordering = ["position"]
    fields = [
        "position",
        ("code", "title"),
        "context",
        "information",
        "equipment",
        "contacts",
        "results",
    ]
    show_change_link = True


class CertificationSectionInline(admin.StackedInline):
    model = CertificationSection
    extra = 0
    ordering = ["position"]
    fields = ["position", "heading", "body"]


@admin.register(Certification)
class CertificationAdmin(HistoryAdmin):
    list_display = [
        "title",
        "code",
        "kind",
        "level",
        "is_published",
        "is_synthetic",
        "component_count",
    ]
    list_filter = ["kind", "level", "is_published", "is_synthetic"]
    search_fields = ["title", "code", "alternative_title", "search_text"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["nsf_codes"]
    view_on_site = True
    fields = [
        "kind",
        "code",
        "title",
        "alternative_title",
        "slug",
        ("level", "level_label"),
        "certifying_body",
        "summary",
        "official_url",
        "nsf_codes",
        "is_published",
        "is_synthetic",
    ]
    inlines = [
        ComponentInline,
        CertificationRomeInline,
        ActivityInline,
        CertificationSectionInline,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(component_total=row_count(Component, "certification"))
        )

    @admin.display(description="composantes", ordering="component_total")
    def component_count(self, certification: Certification) -> int:
        return certification.component_total


class CompetenceInline(admin.TabularInline):
    model = Competence
    extra = 0
    ordering = ["position"]
    fields = ["position", "kind", "code", "text", "parent"]
    autocomplete_fields = ["parent"]


@admin.register(Component)
class ComponentAdmin(InCertificationHistory, HistoryAdmin):
    list_display = ["__str__", "certification", "position", "competence_count"]
    list_select_related = ["certification"]
    search_fields = ["title", "label", "code", "certification__title", "certification__code"]
    autocomplete_fields = ["certification"]
    fields = [
        "certification",
        "position",
        ("label", "code"),
        "title",
        "description",
        "evaluation",
    ]
    inlines = [CompetenceInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(competence_total=row_count(Competence, "component"))
        )

    @admin.display(description="compétences", ordering="competence_total")
    def competence_count(self, component: Component) -> int:
        return component.competence_total


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    """Mostly edited inline; this page backs the parent autocomplete and lookups."""

    list_display = ["__str__", "kind", "component"]
    list_select_related = ["component"]
    list_filter = ["kind"]
    search_fields = ["code", "text"]
    autocomplete_fields = ["component", "parent"]
    fields = ["component", "position", "kind", "code", "text", "parent"]


class ActivityTaskInline(admin.TabularInline):
    model = ActivityTask
    extra = 0
    ordering = ["position"]
    fields = ["position", "code", "title"]


@admin.register(Activity)
class ActivityAdmin(InCertificationHistory, HistoryAdmin):
    list_display = ["__str__", "certification", "position", "task_count"]
    list_select_related = ["certification"]
    search_fields = ["code", "title", "certification__title"]
    autocomplete_fields = ["certification"]
    filter_horizontal = ["units"]
    fields = [
        "certification",
        "position",
        ("code", "title"),
        "context",
        "information",
        "equipment",
        "contacts",
        "results",
        "units",
    ]
    inlines = [ActivityTaskInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(task_total=row_count(ActivityTask, "activity"))
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # An activity's units are components of its own certification, never another's.
        units = form.base_fields["units"]
        if obj is None:
            units.queryset = Component.objects.none()
            units.help_text = "Enregistrez d'abord l'activité pour choisir ses unités."
        else:
            units.queryset = Component.objects.filter(certification_id=obj.certification_id)
        return form

    @admin.display(description="tâches", ordering="task_total")
    def task_count(self, activity: Activity) -> int:
        return activity.task_total


@admin.register(NsfCode)
class NsfCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "certification_count"]
    search_fields = ["code", "label"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(certification_total=Count("certifications"))

    @admin.display(description="certifications", ordering="certification_total")
    def certification_count(self, code) -> int:
        return code.certification_total
