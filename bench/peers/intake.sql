-- pgbench: the SQL one application writes in Ruqsat (crates/ruqsat-store: create_case, then the
-- audit entry), statement for statement, with the stored application text of a real submission
-- (table bench_template, copied from a case Ruqsat stored in the same run).
\set n random(1, 2000000000)
SELECT request_digest, case_id FROM idempotency_keys WHERE channel = 'portal' AND key = 'pgbench-' || :client_id || '-' || :n;
BEGIN;
INSERT INTO cases (number, service, channel, region, state, submitted_at, due_at, passport_number, iin, application, proposal, created_at, updated_at)
  SELECT 'new-' || :client_id || '-' || :n || '-' || clock_timestamp(), 'trp', 'portal', 'almaty', 'accepted',
         '2026-11-24T05:15:00.000000Z', '2026-11-25T13:30:00.000000Z', 'PGB' || :n, NULL, application, proposal,
         '2026-11-24T05:15:00.000000Z', '2026-11-24T05:15:00.000000Z'
  FROM bench_template RETURNING id AS case_id \gset
UPDATE cases SET number = 'TRP-' || lpad(:case_id::text, 8, '0') WHERE id = :case_id;
INSERT INTO case_events (case_id, at, actor, action, from_state, to_state, reason)
  VALUES (:case_id, '2026-11-24T05:15:00.000000Z', 'portal', 'submit', NULL, 'accepted', 'the package is complete: accepted for consideration');
INSERT INTO outbox (case_id, event_key, medium, recipient, message, created_at)
  VALUES (:case_id, :case_id || '_0_sms', 'sms', '+77000000000', 'Your application was accepted for consideration; the answer is due on 25.11.2026.', '2026-11-24T05:15:00.000000Z');
INSERT INTO outbox (case_id, event_key, medium, recipient, message, created_at)
  VALUES (:case_id, :case_id || '_0_email', 'email', 'fake.person@example.invalid', 'Your application was accepted for consideration; the answer is due on 25.11.2026.', '2026-11-24T05:15:00.000000Z');
INSERT INTO idempotency_keys (channel, key, request_digest, case_id, created_at)
  VALUES ('portal', 'pgbench-' || :client_id || '-' || :n || '-' || :case_id, md5(:n::text) || md5(:case_id::text), :case_id, '2026-11-24T05:15:00.000000Z');
COMMIT;
SELECT * FROM cases WHERE id = :case_id;
BEGIN;
SELECT last_hash FROM audit_head WHERE id = 1 FOR UPDATE;
INSERT INTO audit_log (at, actor, action, case_id, detail, prev_hash, hash)
  VALUES ('2026-11-24T05:15:00.000000Z', 'portal', 'submit', :case_id, 'case submitted through portal', md5('prev') || md5('x'), md5(:case_id::text) || md5('y'));
UPDATE audit_head SET last_hash = md5(:case_id::text) || md5('y') WHERE id = 1;
COMMIT;
