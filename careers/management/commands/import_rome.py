"""manage.py import_rome FILE [--codes N1303,N1302] [--dry-run] [--force] [--batch-size N]"""

import re
from argparse import ArgumentTypeError
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careers.rome import RomeFileError
from careers.romeimport import BATCH_SIZE, RomeImportReport, import_rome
from careers.textformat import JobSheetError
from core.imports import ImportLocked, import_lock

ROME_CODE = re.compile(r"[A-N]\d{4}")


def code_list(value: str) -> set[str]:
    """ "N1303, n1302" → {"N1303", "N1302"}."""
    codes = {part.strip().upper() for part in value.split(",") if part.strip()}
    for code in codes:
        if not ROME_CODE.fullmatch(code):
            raise ArgumentTypeError(
                f"« {code} » n'est pas un code ROME (une lettre A à N et 4 chiffres)."
            )
    return codes


class Command(BaseCommand):
    help = (
        "Importe les fiches emploi-métier du ROME 4.0 (France Travail) : l'archive ZIP "
        "officielle ou un fichier JSON de fiches, par lots. Les fiches modifiées dans "
        "l'administration sont conservées, sauf --force ; les fiches éditoriales ne sont "
        "jamais touchées."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, metavar="FILE", help="Archive ZIP ou fichier JSON.")
        parser.add_argument(
            "--codes", type=code_list, help="Codes ROME à importer seuls : N1303,N1302."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Lire et rendre compte sans rien enregistrer."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplacer aussi les fiches modifiées dans l'administration depuis leur import.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Fiches par transaction ({BATCH_SIZE}).",
        )

    def handle(self, *args, path, codes, dry_run, force, batch_size, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size doit être positif.")
        try:
            with import_lock():
                report = import_rome(
                    path=path,
                    codes=codes,
                    dry_run=dry_run,
                    force=force,
                    batch_size=batch_size,
                    progress=self.progress,
                )
        except (RomeFileError, JobSheetError) as error:
            raise CommandError(
                f"{error} — le lot en cours n'a pas été écrit ; les lots précédents restent "
                "enregistrés, relancer la commande est sans risque."
            ) from error
        except ImportLocked as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(report))
        for warning in report.warnings:
            self.stdout.write(f"  attention : {warning}")
        if dry_run:
            self.stdout.write("Essai à blanc : rien n'a été enregistré.")

    def progress(self, report: RomeImportReport) -> None:
        self.stderr.write(f"{report.read} fiches lues…")
