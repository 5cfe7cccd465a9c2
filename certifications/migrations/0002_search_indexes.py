"""Full-text and trigram GIN indexes for certification search (PostgreSQL only)."""

from django.db import migrations

from skills.search import Fields, index_operation


class Migration(migrations.Migration):
    dependencies = [("certifications", "0001_initial"), ("skills", "0002_search")]

    operations = [
        index_operation(
            "certifications", "Certification", Fields(title="title", body="search_text"), "certification"
        )
    ]
