-- Staff passwords (argon2 hashes) and server-side sessions (only token digests are stored).
ALTER TABLE staff ADD COLUMN password_hash TEXT;
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
