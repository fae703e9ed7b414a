-- One sweep of permit holders per day, across every `ruqsat serve` process on the database:
-- the process whose insert succeeds runs it (the primary key makes the claim exclusive).
CREATE TABLE sweep_runs (
    as_of TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    summary TEXT
);
