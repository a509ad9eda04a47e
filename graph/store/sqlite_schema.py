"""The embedded store's SQLite schema and its migrations (graph/store/sqlite.py).

>>> import sqlite3
>>> db = sqlite3.connect(":memory:"); migrate(db)
>>> db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
True
"""
from __future__ import annotations

from graph.errors import StoreUnavailable

SCHEMA_VERSION = 2  # 2: evidence dates, watches
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
  id TEXT PRIMARY KEY, label TEXT NOT NULL, name TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]', props TEXT NOT NULL DEFAULT '{}');
CREATE INDEX IF NOT EXISTS nodes_label ON nodes(label);
CREATE TABLE IF NOT EXISTS keys (key TEXT NOT NULL, label TEXT NOT NULL, node_id TEXT NOT NULL,
  PRIMARY KEY (key, label, node_id));
CREATE INDEX IF NOT EXISTS keys_node ON keys(node_id);
CREATE TABLE IF NOT EXISTS edges (source TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL,
  props TEXT NOT NULL DEFAULT '{}', weight INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (source, type, target));
CREATE INDEX IF NOT EXISTS edges_target ON edges(target);
CREATE TABLE IF NOT EXISTS evidence (source TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL,
  document TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence TEXT NOT NULL,
  extractor TEXT NOT NULL, confidence REAL NOT NULL, seq INTEGER NOT NULL, date TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (source, type, target, document, start, "end", sentence));
CREATE INDEX IF NOT EXISTS evidence_doc ON evidence(document);
CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT, url TEXT,
  published TEXT, sha256 TEXT, stated TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS mentions (document TEXT NOT NULL, node_id TEXT NOT NULL,
  PRIMARY KEY (document, node_id));
CREATE INDEX IF NOT EXISTS mentions_node ON mentions(node_id);
CREATE TABLE IF NOT EXISTS watches (id TEXT PRIMARY KEY, body TEXT NOT NULL);
"""


def migrate(db) -> None:
    """Create what is missing and bring an older store up to SCHEMA_VERSION (StoreUnavailable for
    a newer one)."""
    db.executescript(SCHEMA)
    if "stated" not in {r[1] for r in db.execute("PRAGMA table_info(documents)")}:  # older stores
        db.execute("ALTER TABLE documents ADD COLUMN stated TEXT NOT NULL DEFAULT '{}'")
    row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    if row is None:
        db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    elif int(row[0]) > SCHEMA_VERSION:
        raise StoreUnavailable(f"store schema {row[0]} is newer than this program ({SCHEMA_VERSION})")
    elif int(row[0]) < 2:  # 1 -> 2: evidence dates (unknown, "", for what was stored before)
        if "date" not in {r[1] for r in db.execute("PRAGMA table_info(evidence)")}:
            db.execute("ALTER TABLE evidence ADD COLUMN date TEXT NOT NULL DEFAULT ''")
        db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),))
