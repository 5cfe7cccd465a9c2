"""What the apps' admins share: the site's titles, a cheap row count, and the history of
records with what each version changed.

Admin autodiscovery imports this module (core is an installed app), which sets the titles.
"""

from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from reversion.admin import VersionAdmin
from reversion.models import Version

from .history import describe

admin.site.site_header = "Orientation métiers — administration"
admin.site.site_title = "Orientation métiers"


def row_count(model, field: str) -> Coalesce:
    """Rows of `model` pointing at the outer object, as one correlated subquery.

    Unlike Count over a join, several of these side by side don't multiply rows,
    and the changelist stays one query whatever the page size.
    """
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


class HistoryAdmin(VersionAdmin):
    """An admin whose saves are versions (django-reversion): the history page lists them
    with what each changed, and any one can be restored. A form saved unchanged writes
    nothing: it is no edit."""

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            return
        super().save_model(request, obj, form, change)

    def history_view(self, request, object_id, extra_context=None):
        versions = list(
            self._reversion_order_version_queryset(
                request,
                Version.objects.get_for_object_reference(
                    self.model, unquote(object_id)
                ).select_related("revision", "revision__user"),
            )
        )
        changes = describe(versions)
        opts = self.model._meta
        actions = [
            {
                "revision": version.revision,
                "url": reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                    args=(quote(version.object_id), version.id),
                ),
                "changes": changes[version.pk],
            }
            for version in versions
        ]
        context = {**(extra_context or {}), "action_list": actions}
        return super().history_view(request, object_id, context)
