"""The GIN index that makes full-text search of the library fast, on PostgreSQL only.

It is not in the model's Meta.indexes: SQLite (the embedded default) has no tsvector to index, and
its schema editor would try to rebuild the index each time it remakes the table.
"""

from django.db import migrations

INDEX = "resource_search_vector"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON resources_resource USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
