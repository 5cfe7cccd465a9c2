"""Rows as a page reads them: what two ways of loading them must agree on."""


def as_read(row) -> dict:
    """A row as a page reads it: its fields with their types (True, not SQLite's 1), the
    objects selected with it, and the rows prefetched under it, the same way."""
    read = {f.attname: repr(getattr(row, f.attname)) for f in row._meta.concrete_fields}
    for field in row._meta.concrete_fields:
        if field.is_relation and field.is_cached(row):
            related = getattr(row, field.name)
            read[field.name] = None if related is None else (related.pk, str(related))
    if hasattr(row, "mission_count"):  # an annotation
        read["mission_count"] = row.mission_count
    for attr in ("items", "ordered_tools"):
        if hasattr(row, attr):
            read[attr] = [as_read(child) for child in getattr(row, attr)]
    if hasattr(row, "missions"):
        read["missions"] = [mission.text for mission in row.missions.all()]
    return read
