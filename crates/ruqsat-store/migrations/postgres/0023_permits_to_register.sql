-- The permits given a number and not yet in the register (`permit_holders`): a case enters in the
-- transaction that gives its permit a number, and leaves when the sweep has registered it (or
-- found that it issued no permit to register). The daily sweep reads this short list instead of
-- looking through every case for a permit missing from the register (bench/results.md e).
CREATE TABLE permits_to_register (
    case_id BIGINT PRIMARY KEY
);
INSERT INTO permits_to_register (case_id)
    SELECT c.id FROM cases c WHERE c.permit_number IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM permit_holders h WHERE h.case_id = c.id);
