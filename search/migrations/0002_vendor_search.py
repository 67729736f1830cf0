"""What each database searches with: on PostgreSQL a GIN index on the stored vector; on SQLite
an FTS5 table that mirrors the entries' title, label and text, kept in step by triggers."""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE INDEX search_entry_vector_gin ON search_entry USING gin (vector)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS search_entry_vector_gin"]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5(title, label, body, "
    "content='search_entry', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(rowid, title, label, body) "
    "VALUES (new.id, new.title, new.label, new.body); END",
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, title, label, body) "
    "VALUES ('delete', old.id, old.title, old.label, old.body); END",
    "CREATE TRIGGER search_entry_fts_update AFTER UPDATE OF title, label, body ON search_entry "
    "BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, title, label, body) "
    "VALUES ('delete', old.id, old.title, old.label, old.body); "
    "INSERT INTO search_entry_fts(rowid, title, label, body) "
    "VALUES (new.id, new.title, new.label, new.body); END",
    "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TABLE IF EXISTS search_entry_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entries")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
            elidable=False,
        ),
    ]
