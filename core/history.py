"""What changed from one version of an object to the next, as an editor reads it.

The versions are django-reversion's: the object's own, and those of the rows its
registration follows (a career's missions, a certification's components…). For
each version, the fields of the object that changed (old → new, shortened; those
no editor writes are left out) and, per kind of row, how many were added and
removed, told apart by content.
"""

from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from reversion.models import Version

SHOWN = 60  # characters of an old or new value shown


def _short(value) -> str:
    text = " ".join(str(value).split()) if value not in (None, "") else "(vide)"
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _content(field_dict: dict) -> tuple:
    """A row as what it says: without its id and the ids of what it belongs to."""
    return tuple(
        sorted(
            (name, str(value))
            for name, value in field_dict.items()
            if name != "id" and not name.endswith("_id")
        )
    )


def describe(versions) -> dict[int, list[str]]:
    """For each version of one object (newest first, as the admin lists them), its changes."""
    ordered = sorted(versions, key=lambda version: version.revision.date_created)
    described: dict[int, list[str]] = {}
    before_fields: dict = {}
    before_rows: dict[int, Counter] = {}
    for version in ordered:
        fields = version.field_dict
        rows: dict[int, Counter] = defaultdict(Counter)
        for other in version.revision.version_set.exclude(pk=version.pk):
            rows[other.content_type_id][_content(other.field_dict)] += 1
        lines = []
        if not before_fields:
            lines.append("Première version")
        else:
            for name, value in fields.items():
                field = _field(version, name)
                # What no editor writes (dates, digests, search copies) changes with every save.
                shown = name != "id" and (field is None or field.editable)
                if shown and before_fields.get(name) != value:
                    label = field.verbose_name if field else name
                    lines.append(f"{label} : {_short(before_fields.get(name))} → {_short(value)}")
            for type_id in sorted(set(rows) | set(before_rows)):
                now, then = rows.get(type_id, Counter()), before_rows.get(type_id, Counter())
                added, removed = (now - then).total(), (then - now).total()
                if added or removed:
                    kind = ContentType.objects.get_for_id(type_id).model_class()._meta
                    lines.append(f"{kind.verbose_name_plural} : +{added} −{removed}")
        described[version.pk] = lines or ["Aucun changement du contenu"]
        before_fields, before_rows = fields, rows
    return described


def _field(version, name: str):
    """The model's field of that name, or None if it has been removed since."""
    try:
        return version._model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def having_history(model, pks) -> set[int]:
    """Those of `pks` whose record of `model` has versions already.

    An import versions only these: a record without history is what its source says, and
    the admin keeps it as a first version before anyone changes it (core.admin.HistoryAdmin);
    versioning every imported record would store hundreds of thousands of rows.
    """
    ids = [str(pk) for pk in pks]
    versions = Version.objects.get_for_model(model).filter(object_id__in=ids)
    return {int(pk) for pk in versions.values_list("object_id", flat=True).distinct()}
