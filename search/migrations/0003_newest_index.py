"""PostgreSQL: an index in the exact order of the search's candidates (date descending, nulls
last), so that a common word's first thousand matches come from an index scan that stops early
instead of a sort of every match. SQLite cannot index NULLS LAST; its index is 0001's."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_entry_newest "
            "ON search_entry (date DESC NULLS LAST, id DESC)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_newest")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_vendor_search")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
