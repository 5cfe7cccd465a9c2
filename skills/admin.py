"""Admin for the shared vocabulary.

Where each item is used (careers, certifications) is shown by careers/admin.py,
which extends these pages: this app never names the apps above it.
"""

from django.contrib import admin

from .models import RomeCode, Skill, ToolFamily


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    # search_text is the accent-free copy: "epanouissement" finds "épanouissement".
    search_fields = ["name", "search_text", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["kind", "name", "slug"]


@admin.register(ToolFamily)
class ToolFamilyAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug"]


@admin.register(RomeCode)
class RomeCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "label"]
    search_fields = ["code", "label"]
