-- The applicant's electronic signature of a portal application, kept as evidence with its case:
-- the detached CMS signature (base64 of its DER), the canonical application it signs (RFC 8785;
-- the stored application differs by the receipt time Ruqsat stamps), and what the verification
-- found (JSON owned by `ruqsat_documents::esign::Evidence`: signer, chain, revocation).
CREATE TABLE application_signatures (
    case_id INTEGER PRIMARY KEY REFERENCES cases (id),
    signature TEXT NOT NULL,
    content TEXT NOT NULL,
    evidence TEXT NOT NULL,
    verified_at TEXT NOT NULL
);
