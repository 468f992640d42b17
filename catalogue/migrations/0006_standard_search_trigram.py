# Trigram indexes for the standards search (?q=) on PostgreSQL (issue 7).
#
# The filter matches each word with icontains on the reference, the printed forms, the title
# and the summary, which PostgreSQL runs as UPPER(column::text) LIKE UPPER('%word%'): without
# an index, a scan of every standard. A GIN trigram index on exactly that expression lets it
# find the matching rows directly. SQLite keeps its scan (no trigram indexes there).
from django.db import migrations, transaction

COLUMNS = ["reference", "aliases", "title", "summary"]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # no right to create it: the search stays correct, only slower
        return
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "standard_{column}_trgm" ON "catalogue_standard" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "standard_{column}_trgm"')


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0005_standard_public_index"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
