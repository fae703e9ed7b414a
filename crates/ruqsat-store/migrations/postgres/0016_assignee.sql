-- The officer who works on a case (the staff workplace's assignment; empty: anyone of the
-- region). Changed by `Store::assign` with its audit entry; the queue filters on it.
ALTER TABLE cases ADD COLUMN assignee TEXT;
CREATE INDEX cases_assignee ON cases (assignee, due_at);
