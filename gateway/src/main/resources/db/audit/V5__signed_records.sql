-- Signed records (see shanzhi.gateway.audit.RecordSignature): each record carries the id of the
-- key that signed it and an Ed25519 signature over its content hash and that id, made by the
-- replica that wrote it. Whoever holds only the writer's INSERT right can append a record, but
-- not one that verifies; records written before this migration have no signature and are valid
-- only before the first signed one (ChainVerifier).
--
-- The arrays are kept in their one canonical shape (one dimension, lower bound 1, no NULL), which
-- is how the digest reads them: '[0:1]={7,8}' would make person_ids[1] another person in SQL while
-- the digest read the same list. The verifier checks the shape itself too, since whoever can
-- switch triggers off can drop a constraint.
CREATE FUNCTION audit_canonical_array(a anyarray) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$
    SELECT cardinality(a) = 0 OR (array_ndims(a) = 1 AND array_lower(a, 1) = 1 AND array_position(a, NULL) IS NULL)
$$;

ALTER TABLE audit_record
    ADD COLUMN key_id    text,
    ADD COLUMN signature bytea,
    ADD CONSTRAINT audit_record_signed_whole CHECK ((key_id IS NULL) = (signature IS NULL)),
    ADD CONSTRAINT audit_record_canonical_arrays CHECK (
        audit_canonical_array(roles) AND audit_canonical_array(person_ids) AND audit_canonical_array(fields)
        AND audit_canonical_array(connections) AND audit_canonical_array(refusals));
