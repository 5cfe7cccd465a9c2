"""Full-text and trigram GIN indexes for career search (PostgreSQL only)."""

from django.db import migrations

from skills.search import Fields, index_operation


class Migration(migrations.Migration):
    dependencies = [("careers", "0001_initial"), ("skills", "0002_search")]

    operations = [
        index_operation(
            "careers", "Career", Fields(title="title", body="search_text"), "career"
        )
    ]
