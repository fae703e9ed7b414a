-- The register of permits in force that the sweep of holders reads (issue 5): one row per issued
-- permit, kept from the issued case by the sweep itself (a case issued since the last sweep is
-- added before the holders are read). Whether the permit is still in force (not revoked) is the
-- case's state; the register only holds what the sweep needs without parsing the application.
CREATE TABLE permit_holders (
    case_id BIGINT PRIMARY KEY REFERENCES cases (id),
    service TEXT NOT NULL CHECK (service IN ('trp', 'prp')),
    subtype TEXT,
    iin TEXT,
    passport TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    valid_to TEXT,
    -- The category of Appendix 3 item 9 that exempts the holder from art49.15 and art49.17.
    exempt TEXT
);
CREATE INDEX permit_holders_valid_to ON permit_holders (service, valid_to);
