"""manage.py load_catalog: the whole seed catalogue, in one transaction.

Every fixtures/jobsheets/*.txt goes through the job-sheet importer, every
fixtures/certifications/*.json through loaddata. Running it again changes
nothing.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from careers.jobsheet import JobSheetError, read_jobsheet
from careers.services import CREATED, UNCHANGED, UPDATED, import_jobsheets


def certifications_state() -> str:
    """A canonical dump of the certification rows, to tell whether loaddata changed any."""
    querysets = (
        model._default_manager.order_by("pk")
        for model in apps.get_app_config("certifications").get_models()
    )
    return "".join(
        serializers.serialize("json", queryset, use_natural_foreign_keys=True)
        for queryset in querysets
    )


class Command(BaseCommand):
    help = "Charge les fiches métiers et les certifications de fixtures/ (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--fixtures-dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures",
            help="Dossier contenant jobsheets/*.txt et certifications/*.json.",
        )

    def handle(self, *args, fixtures_dir: Path, **options) -> None:
        sheet_paths = sorted((fixtures_dir / "jobsheets").glob("*.txt"))
        certification_paths = sorted((fixtures_dir / "certifications").glob("*.json"))
        if not sheet_paths and not certification_paths:
            raise CommandError(f"{fixtures_dir} : aucune fiche ni certification à charger.")
        try:
            sheets = [read_jobsheet(path) for path in sheet_paths]
            with transaction.atomic():
                reports = import_jobsheets(sheets=sheets)
                before = certifications_state()
                for path in certification_paths:
                    call_command("loaddata", str(path), verbosity=0)
                certifications_changed = certifications_state() != before
        except JobSheetError as error:
            raise CommandError(f"{error} — rien n'a été modifié.") from error

        counts = {
            status: sum(r.status == status for r in reports)
            for status in (CREATED, UPDATED, UNCHANGED)
        }
        self.stdout.write(
            f"Fiches métiers : {counts[CREATED]} créée(s), {counts[UPDATED]} mise(s) à jour, "
            f"{counts[UNCHANGED]} inchangée(s)."
        )
        for report in reports:
            self.stdout.write(f"  {report}")
        state = "modifié" if certifications_changed else "inchangé"
        self.stdout.write(
            f"Certifications : {len(certification_paths)} fichier(s) chargé(s) — contenu {state}."
        )
