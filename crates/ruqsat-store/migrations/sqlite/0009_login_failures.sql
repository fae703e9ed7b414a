-- Failed logins, counted per account and per client address, shared by every `ruqsat serve`
-- process on the database: enough failures within the window lock the key for a while.
-- Keys are `login:<login>` and `addr:<address>`; no password is ever stored here.
CREATE TABLE login_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start TEXT NOT NULL,
    locked_until TEXT
);
