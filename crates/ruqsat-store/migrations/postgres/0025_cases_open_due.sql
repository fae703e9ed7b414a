-- The open cases in the order of the queue (due time, then id), for the queue of every region
-- (the auditor's, the API's): the first page is read from the head of this index instead of
-- sorting every open case. The states are those `CaseState::is_open` names, written the same
-- way by `Store::queue_page` (a state added there must be added here, else the index is not used).
CREATE INDEX cases_open_due ON cases (due_at, id)
    WHERE state IN ('accepted', 'checks_running', 'checks_pending', 'checks_done', 'proposed', 'hearing', 'objected', 'awaiting_signature');
