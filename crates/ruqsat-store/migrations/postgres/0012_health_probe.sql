-- One row that `/health` rewrites in a committed statement: the database is healthy when it
-- takes a write, not only when it answers a read (SQLite on a full disk answers reads).
CREATE TABLE health_probe (
    id INTEGER PRIMARY KEY,
    checked_at TEXT NOT NULL
);
INSERT INTO health_probe (id, checked_at) VALUES (1, '');
