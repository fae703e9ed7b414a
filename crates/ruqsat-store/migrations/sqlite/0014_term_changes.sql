-- The term of a case can be suspended, resumed and extended (interpretation 61): the changes,
-- each with its reason code, author and dates, are kept as one JSON owned by
-- `ruqsat_cases::records::TermRecord`; `due_at` is recomputed from them with every change.
ALTER TABLE cases ADD COLUMN term TEXT;
