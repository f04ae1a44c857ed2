-- Signed responses (shanzhi.gateway.signing): a client configured for them is sent a detached JWS
-- over the exact bytes of each response body, and the response's record (version 4) holds the
-- hex sha256 of those bytes, covered by the record's content hash and signature. A response shown
-- later is checked against both: the JWS names the record's sequence, the record the digest.
-- (V6 was never released; Flyway applies versions in order, so this comes after V7.)
ALTER TABLE audit_record
    ADD COLUMN response_digest text,
    ADD CONSTRAINT audit_record_response_digest_hex CHECK (response_digest ~ '^[0-9a-f]{64}$');
