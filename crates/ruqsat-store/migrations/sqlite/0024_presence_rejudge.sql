-- After the full recomputation (`ruqsat sweep --full`: a changed minimum of days moves the days
-- from which verdicts can change), the next daily sweep judges every holder: one row asks for it,
-- instead of clearing the due day of every state (a write of every holder's state row).
CREATE TABLE presence_rejudge (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    requested_at TEXT NOT NULL
);
-- The states cleared by the full recomputation before this migration are judged as before.
