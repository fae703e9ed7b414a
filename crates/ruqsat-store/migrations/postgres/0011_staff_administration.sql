-- Staff administration (issue 12): accounts can be disabled and asked to change a reset
-- password; bearer tokens are sessions with an end (an integration's token is a session of kind
-- 'integration'); failed sign-ins count their locks, so that repeated locks grow longer.
ALTER TABLE staff ADD COLUMN disabled_at TEXT;
ALTER TABLE staff ADD COLUMN password_change_due TEXT;
ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'session';
ALTER TABLE sessions ADD COLUMN label TEXT;
ALTER TABLE login_failures ADD COLUMN locks BIGINT NOT NULL DEFAULT 0;
-- The permanent per-account tokens end: an integration's becomes a token of 90 days, a person's
-- is withdrawn (people sign in with their password).
INSERT INTO sessions (token_hash, staff_id, created_at, expires_at, kind, label)
    SELECT token_hash, id, created_at,
        to_char((now() AT TIME ZONE 'UTC') + interval '90 days', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'integration', 'migrated'
    FROM staff WHERE role LIKE 'integration:%';
UPDATE staff SET token_hash = 'withdrawn:' || id;
