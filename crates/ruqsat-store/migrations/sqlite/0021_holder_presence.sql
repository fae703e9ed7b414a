-- What art49.15 needs of each PRP holder, kept between sweeps (ruqsat_domain::residence::presence):
-- the state folded from the holder's crossings (JSON), and how many crossings of the holder were
-- stored since (`marks`, raised by the import in the transaction that stores them), and the day
-- from which the holder's verdicts can change without a new crossing (`due_on`). The daily sweep
-- folds again only the marked holders and judges only the marked and the due. A row is made only
-- for a holder of the register (`permit_holders`), which is never deleted from: no foreign key
-- (its check would lock a million register rows when the states are first made).
CREATE TABLE holder_presence (
    case_id INTEGER PRIMARY KEY,
    state TEXT NOT NULL,
    marks INTEGER NOT NULL DEFAULT 0,
    due_on TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX holder_presence_marked ON holder_presence (case_id) WHERE marks > 0;
CREATE INDEX holder_presence_due ON holder_presence (due_on);
CREATE INDEX permit_holders_iin ON permit_holders (iin) WHERE iin IS NOT NULL;
CREATE INDEX permit_holders_passport ON permit_holders (passport);
-- The holders registered before: their states are folded at the next sweep.
INSERT INTO holder_presence (case_id, state, marks, updated_at)
    SELECT case_id, '', 1, '' FROM permit_holders WHERE service = 'prp';
