-- The daily sweep's claim is a lease: a process that claimed a day and crashed leaves the row
-- unfinished, and once `lease_until` has passed another process claims it again (`attempt`
-- counts the claims and fences the earlier claimant out of renewing or finishing it). Rows of
-- earlier versions have no lease: their `started_at` is read as the start of one.
ALTER TABLE sweep_runs ADD COLUMN lease_until TEXT;
ALTER TABLE sweep_runs ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
