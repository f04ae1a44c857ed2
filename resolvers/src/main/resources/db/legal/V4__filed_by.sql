-- Who registered each dispute, and as whom (the token's subject, roles and client); null for
-- rows written before this migration and for the demo district's generated disputes.
ALTER TABLE dispute
  ADD COLUMN filed_by_subject text,
  ADD COLUMN filed_by_roles   text[],
  ADD COLUMN filed_by_client  text;

-- An idempotency key belongs to the caller that chose it (client and subject); see grid V4.
ALTER TABLE dispute DROP CONSTRAINT dispute_idempotency_key_key;
ALTER TABLE dispute ADD CONSTRAINT dispute_idempotency_key_of_filer
  UNIQUE (filed_by_client, filed_by_subject, idempotency_key);
