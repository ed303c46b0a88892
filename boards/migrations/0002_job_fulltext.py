"""Full-text search over job titles and descriptions.

PostgreSQL: a GIN index on the same tsvector expression boards.search queries with.
SQLite: an FTS5 table with external content, kept in step by triggers (skipped, with the
search falling back to a plain scan, where SQLite was built without FTS5).
"""

from django.db import migrations

PG_INDEX = (
    "CREATE INDEX IF NOT EXISTS boards_job_fts ON boards_job USING GIN "
    "(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(description_text, '')))"
)
SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS boards_job_fts USING fts5("
    "title, company, description_text, content='boards_job', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS boards_job_fts_ai AFTER INSERT ON boards_job BEGIN "
    "INSERT INTO boards_job_fts(rowid, title, company, description_text) "
    "VALUES (new.id, new.title, new.company, new.description_text); END",
    "CREATE TRIGGER IF NOT EXISTS boards_job_fts_ad AFTER DELETE ON boards_job BEGIN "
    "INSERT INTO boards_job_fts(boards_job_fts, rowid, title, company, description_text) "
    "VALUES ('delete', old.id, old.title, old.company, old.description_text); END",
    "CREATE TRIGGER IF NOT EXISTS boards_job_fts_au AFTER UPDATE OF title, company, "
    "description_text ON boards_job BEGIN "
    "INSERT INTO boards_job_fts(boards_job_fts, rowid, title, company, description_text) "
    "VALUES ('delete', old.id, old.title, old.company, old.description_text); "
    "INSERT INTO boards_job_fts(rowid, title, company, description_text) "
    "VALUES (new.id, new.title, new.company, new.description_text); END",
    "INSERT INTO boards_job_fts(boards_job_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS boards_job_fts_ai",
    "DROP TRIGGER IF EXISTS boards_job_fts_ad",
    "DROP TRIGGER IF EXISTS boards_job_fts_au",
    "DROP TABLE IF EXISTS boards_job_fts",
]


def forwards(apps, schema_editor):
    conn = schema_editor.connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(PG_INDEX)
        elif conn.vendor == "sqlite":
            try:
                for statement in SQLITE:
                    cursor.execute(statement)
            except Exception:  # no FTS5 in this SQLite build: boards.search falls back
                for statement in SQLITE_DROP:
                    cursor.execute(statement)


def backwards(apps, schema_editor):
    conn = schema_editor.connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS boards_job_fts")
        elif conn.vendor == "sqlite":
            for statement in SQLITE_DROP:
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("boards", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
