-- The keyed audit chain: each entry carries its position (seq) and whether its hash is an HMAC
-- keyed with the installation's secret (keyed = 1) or the unkeyed SHA-256 of earlier versions
-- (keyed = 0, accepted only before the first keyed entry). The head records the position and
-- hash of the last entry with an HMAC over both (mac), so that a truncated tail is detected.
ALTER TABLE audit_log ADD COLUMN seq BIGINT;
ALTER TABLE audit_log ADD COLUMN keyed BIGINT NOT NULL DEFAULT 0;
UPDATE audit_log SET seq = (SELECT COUNT(*) FROM audit_log AS earlier WHERE earlier.id <= audit_log.id);
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);
ALTER TABLE audit_head ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_head ADD COLUMN mac TEXT;
UPDATE audit_head SET seq = (SELECT COUNT(*) FROM audit_log);
