-- The electronic queue of the State Corporation (the order: the result of a TRP is handed over
-- "in the order of the electronic queue, without accelerated service", a PRP is received at the
-- place of registration the same way; both can be booked on the portal). A booking holds one
-- seat (a service window) of one slot of one office's day; a cancelled booking frees its seat
-- (the unique index covers only the bookings that are not cancelled). The times a booking is
-- called and served measure the order's longest waits (30 minutes to submit, 20 to be served).
CREATE TABLE queue_bookings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office TEXT NOT NULL,
    day TEXT NOT NULL,
    slot TEXT NOT NULL,
    seat INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    case_id INTEGER REFERENCES cases (id),
    document_digest TEXT NOT NULL,
    ticket TEXT NOT NULL UNIQUE,
    medium TEXT,
    recipient TEXT,
    lang TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'booked',
    booked_at TEXT NOT NULL,
    arrived_at TEXT,
    called_at TEXT,
    called_by TEXT,
    finished_at TEXT,
    finished_by TEXT,
    cancelled_at TEXT
);
CREATE UNIQUE INDEX queue_bookings_seat ON queue_bookings (office, day, slot, seat) WHERE state <> 'cancelled';
-- One booking at a time per person and purpose (no hoarding of slots).
CREATE UNIQUE INDEX queue_bookings_person ON queue_bookings (document_digest, purpose) WHERE state = 'booked';
CREATE INDEX queue_bookings_day ON queue_bookings (office, day, slot);

-- A booking's notifications have no case (a PRP reception is booked before the application):
-- the outbox's case becomes optional (SQLite cannot drop NOT NULL: the table is rebuilt).
CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER REFERENCES cases (id),
    event_key TEXT NOT NULL UNIQUE,
    medium TEXT NOT NULL,
    recipient TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_until TEXT,
    sent_at TEXT
);
INSERT INTO outbox_new (id, case_id, event_key, medium, recipient, message, created_at, attempts, lease_until, sent_at)
    SELECT id, case_id, event_key, medium, recipient, message, created_at, attempts, lease_until, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_unsent ON outbox (sent_at, lease_until);
CREATE INDEX outbox_case ON outbox (case_id);
