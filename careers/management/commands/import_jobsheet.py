"""manage.py import_jobsheet PATH [PATH…] [--dry-run] [--force]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careers.jobsheet import read_jobsheet
from careers.services import import_jobsheets
from careers.textformat import JobSheetError
from core.imports import ImportLocked, import_lock


class Command(BaseCommand):
    help = (
        "Importe des fiches métiers (texte UTF-8) : toutes ou, à la moindre erreur, aucune. "
        "--dry-run lit et rend compte sans rien enregistrer ; une fiche modifiée dans "
        "l'administration est conservée, sauf --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Lire et rendre compte sans rien enregistrer."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplacer aussi une fiche modifiée dans l'administration depuis son import.",
        )

    def handle(self, *args, paths: list[Path], dry_run: bool, force: bool, **options) -> None:
        try:
            sheets = [read_jobsheet(path) for path in paths]
            with import_lock():
                reports = import_jobsheets(sheets=sheets, dry_run=dry_run, force=force)
        except JobSheetError as error:
            raise CommandError(f"{error} — rien n'a été modifié.") from error
        except ImportLocked as error:
            raise CommandError(str(error)) from error
        for report in reports:
            self.stdout.write(str(report))
        if dry_run:
            self.stdout.write("Essai à blanc : rien n'a été enregistré.")
