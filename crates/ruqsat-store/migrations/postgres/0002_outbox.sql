-- Notifications to applicants (SMS, e-mail), written in the same transaction as the change they
-- announce and sent by a background loop: at least once, and never twice for the same event.
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    event_key TEXT NOT NULL UNIQUE,
    medium TEXT NOT NULL,
    recipient TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    lease_until TEXT,
    sent_at TEXT
);
CREATE INDEX outbox_unsent ON outbox (sent_at, lease_until);
