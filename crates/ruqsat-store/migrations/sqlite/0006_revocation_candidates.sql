-- Revocation candidates found by the sweep of permit holders (issue 5): one per holder, ground
-- and period; an officer reviews each (revoke or dismiss, with the reason), a revocation takes
-- effect with the supervisor's signature. Nothing is revoked automatically.
-- States: open -> awaiting_signature -> revoked | open (returned); open -> dismissed.
CREATE TABLE revocation_candidates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    ground TEXT NOT NULL,
    period_from TEXT NOT NULL,
    evidence TEXT NOT NULL,
    found_on TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open',
    officer TEXT,
    officer_reason TEXT,
    decided_at TEXT,
    supervisor TEXT,
    signed_at TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    UNIQUE (case_id, ground, period_from)
);
CREATE INDEX revocation_candidates_open ON revocation_candidates (state, found_on);
