-- Border crossings of the border service's feed (monitoring of permit holders, art49.15).
-- A crossing id seen twice is stored once. `at` is Kazakhstan local time, YYYY-MM-DDTHH:MM:SS.
CREATE TABLE crossings (
    crossing_id TEXT PRIMARY KEY,
    iin TEXT,
    passport TEXT,
    direction TEXT NOT NULL CHECK (direction IN ('entry', 'exit')),
    at TEXT NOT NULL,
    checkpoint TEXT,
    imported_at TEXT NOT NULL
);
CREATE INDEX crossings_by_iin ON crossings (iin, at);
CREATE INDEX crossings_by_passport ON crossings (passport, at);
