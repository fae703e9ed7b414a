-- Applications being written (the portal's steps): kept on the server under the SHA-256 of the
-- applicant's draft reference (the reference itself is never stored), with the answers as JSON
-- owned by `ruqsat_web::pages::apply`, the last step's problems, and the uploaded files. A
-- submitted draft keeps only its case; drafts are purged after `drafts.keep_days`.
CREATE TABLE drafts (
    key TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    service TEXT NOT NULL,
    answers TEXT NOT NULL,
    problems TEXT,
    case_id INTEGER REFERENCES cases (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX drafts_updated ON drafts (updated_at);
CREATE TABLE draft_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_key TEXT NOT NULL REFERENCES drafts (key) ON DELETE CASCADE,
    document_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX draft_documents_draft ON draft_documents (draft_key, id);
