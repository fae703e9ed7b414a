-- Ruqsat storage, SQLite edition (append-only: never edit an applied migration).
CREATE TABLE cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE,
    service TEXT NOT NULL,
    channel TEXT NOT NULL,
    region TEXT NOT NULL,
    state TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    due_at TEXT,
    passport_number TEXT NOT NULL,
    iin TEXT,
    application TEXT NOT NULL,
    registry TEXT,
    proposal TEXT,
    decision TEXT,
    permit_number TEXT UNIQUE,
    lease_until TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX cases_queue ON cases (region, state, due_at);
CREATE INDEX cases_work ON cases (state, lease_until);
CREATE INDEX cases_passport ON cases (passport_number);

CREATE TABLE case_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE idempotency_keys (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    request_digest TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (channel, key)
);

CREATE TABLE registry_queries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    registry TEXT NOT NULL,
    purpose TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    answered INTEGER NOT NULL,
    digest TEXT NOT NULL,
    millis INTEGER NOT NULL
);
CREATE INDEX registry_queries_case ON registry_queries (case_id, id);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    region TEXT,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    case_id INTEGER,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_hash) VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000');
