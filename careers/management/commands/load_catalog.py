"""manage.py load_catalog [--force]: the whole seed catalogue, in one transaction.

Every fixtures/jobsheets/*.txt goes through the job-sheet importer, every
fixtures/certifications/*.json through the certification loader. Running it
again changes nothing; a sheet or certification edited in the admin since the
last load is kept, and the report says so (--force overwrites it with the source).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from careers.jobsheet import read_jobsheet
from careers.services import CREATED, KEPT, UNCHANGED, UPDATED, import_jobsheets
from careers.textformat import JobSheetError
from certifications.fixtures import FixtureError, load_certification
from core.imports import ImportLocked, import_lock


class Command(BaseCommand):
    help = (
        "Charge les fiches métiers et les certifications de fixtures/ (idempotent ; "
        "ce qui a été modifié dans l'administration est conservé, sauf --force)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--fixtures-dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures",
            help="Dossier contenant jobsheets/*.txt et certifications/*.json.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplacer aussi ce qui a été modifié dans l'administration depuis le dernier "
            "import (après relecture).",
        )

    def handle(self, *args, fixtures_dir: Path, force: bool, **options) -> None:
        sheet_paths = sorted((fixtures_dir / "jobsheets").glob("*.txt"))
        certification_paths = sorted((fixtures_dir / "certifications").glob("*.json"))
        if not sheet_paths and not certification_paths:
            raise CommandError(f"{fixtures_dir} : aucune fiche ni certification à charger.")
        try:
            sheets = [read_jobsheet(path) for path in sheet_paths]
            with import_lock(), transaction.atomic():
                reports = import_jobsheets(sheets=sheets, force=force)
                certifications = [
                    load_certification(path=path, force=force) for path in certification_paths
                ]
        except (JobSheetError, FixtureError) as error:
            raise CommandError(f"{error} — rien n'a été modifié.") from error
        except ImportLocked as error:
            raise CommandError(str(error)) from error

        counts = {
            status: sum(r.status == status for r in reports)
            for status in (CREATED, UPDATED, UNCHANGED, KEPT)
        }
        kept = f", {counts[KEPT]} conservée(s)" if counts[KEPT] else ""
        self.stdout.write(
            f"Fiches métiers : {counts[CREATED]} créée(s), {counts[UPDATED]} mise(s) à jour, "
            f"{counts[UNCHANGED]} inchangée(s){kept}."
        )
        for report in reports:
            self.stdout.write(f"  {report}")
        changed = any(report.status in (CREATED, UPDATED) for report in certifications)
        state = "modifié" if changed else "inchangé"
        self.stdout.write(
            f"Certifications : {len(certification_paths)} fichier(s) chargé(s) — contenu {state}."
        )
        for report in certifications:
            self.stdout.write(f"  {report}")
