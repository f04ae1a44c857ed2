-- Audit records, version 2 (see shanzhi.gateway.audit.AuditEntry and RecordDigest).
--
-- record_version: how the record's content hash is computed. Rows written before this migration
--   are version 1 and keep verifying with the version-1 encoding; the gateway now writes 2.
-- document_hash: in version 1 a plain sha256 of document and variables (reversible for an ID
--   number by trying them all); in version 2 HMAC-SHA256 with the deployment's audit hash key of
--   the document that actually ran (a hash-only persisted or trusted document included).
-- variables_hash: version 2, HMAC-SHA256 of the request's variables in canonical form.
-- connections: lists of persons read ("Region.residents region=... filter=<keyed hash>").
-- refusals: what a rule refused ("@allow Region.incidents", "scope Query.person key=<keyed hash>").
-- Adding columns with constant defaults rewrites no row, so the append-only triggers stay quiet.

ALTER TABLE audit_record
    ADD COLUMN record_version smallint NOT NULL DEFAULT 1,
    ADD COLUMN variables_hash text,
    ADD COLUMN connections    text[]   NOT NULL DEFAULT '{}',
    ADD COLUMN refusals       text[]   NOT NULL DEFAULT '{}';
