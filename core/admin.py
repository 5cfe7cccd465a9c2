"""What the apps' admins share: the site's titles, a cheap row count, and the history of
records with what each version changed.

Admin autodiscovery imports this module (core is an installed app), which sets the titles.
"""

import reversion
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


def record_baseline(obj, comment: str) -> None:
    """Keep `obj` as the database holds it now (its followed rows included) as its first
    version, unless it has one: what an import wrote can always be brought back."""
    if Version.objects.get_for_object(obj).exists():
        return
    with reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_comment(comment)


def baseline_comment(obj) -> str:
    source = getattr(obj, "source_name", "") or ""
    return f"État importé{f' de {source}' if source else ''}, avant la première modification"


class HistoryAdmin(VersionAdmin):
    """An admin whose saves are versions (django-reversion): the history page lists them
    with what each changed, and any one can be restored.

    Imports keep no version of a record that has none (a full ROME import would store
    hundreds of thousands of rows, CHANGES.md): before its first change here, a record's
    state is kept as its first version. A form saved unchanged writes nothing: it is no edit,
    unless it is a restore.
    """

    def history_owner(self, obj):
        """Whose history an edit of `obj` goes into: its own (a row's admin names its sheet)."""
        return obj

    def _keep_baseline(self, request, object_id) -> None:
        if request.method != "POST" or not object_id:
            return
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            owner = self.history_owner(obj)
            record_baseline(owner, baseline_comment(owner))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Before VersionAdmin opens the edit's revision: inside it, the baseline would be
        # merged into the edit and lost.
        self._keep_baseline(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._keep_baseline(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Reversion puts the version back in the database before the form shows it: the
        # form saved is unchanged, yet saving it is the restore, and a version of its own.
        request.restoring_version = True
        return super().revision_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        restoring = getattr(request, "restoring_version", False)
        if change and not form.has_changed() and not restoring:
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
