"""manage.py seed_synthetic: add synthetic careers and certifications for load tests.

Never part of load_catalog. Additive: each run adds new numbered rows.
"""

from django.core.management.base import BaseCommand, CommandError

from careers.synthetic import seed_synthetic


class Command(BaseCommand):
    help = (
        "Ajoute des fiches métiers et des certifications synthétiques (marquées comme telles) "
        "pour les mesures de charge. Chaque exécution ajoute de nouvelles fiches."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--careers", type=int, default=100, help="Fiches métiers à ajouter.")
        parser.add_argument(
            "--certifications", type=int, default=0, help="Certifications à ajouter."
        )
        parser.add_argument("--seed", type=int, default=0, help="Graine du tirage aléatoire.")
        parser.add_argument("--batch-size", type=int, default=500, help="Fiches par insertion.")

    def handle(self, *args, careers, certifications, seed, batch_size, **options) -> None:
        if careers < 0 or certifications < 0 or batch_size < 1:
            raise CommandError("Les nombres doivent être positifs (taille de lot ≥ 1).")
        report = seed_synthetic(
            careers=careers, certifications=certifications, seed=seed, batch_size=batch_size
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.careers} fiches métiers et {report.certifications} certifications "
                f"synthétiques ajoutées (à partir du n°{report.first_number}) "
                f"en {report.seconds:.1f} s."
            )
        )
