-- Deliveries to the channels' systems (the State Corporation's, the portal's personal cabinet):
-- every change of state of a case submitted through that channel, and its result when delivered,
-- written with the event in one transaction and sent by the worker as signed HTTP calls. The
-- body is composed at the first attempt and sent byte for byte on every retry (its id is the
-- receiver's idempotency key); after the last attempt a delivery is dead (`dead_at`), shown to
-- the administrators, who may send it again.
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    receiver TEXT NOT NULL,
    event_id INTEGER NOT NULL REFERENCES case_events (id),
    case_id INTEGER NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    body TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    delivered_at TEXT,
    dead_at TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (receiver, event_id)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
CREATE INDEX deliveries_dead ON deliveries (dead_at) WHERE dead_at IS NOT NULL;
