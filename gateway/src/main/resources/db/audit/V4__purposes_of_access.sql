-- Audit records, version 3: the purpose of access (see shanzhi.gateway.purpose.Purposes).
--
-- purpose, purpose_case: the purpose code and case number a request declared for a field with
--   @purpose (null when it read none).
-- disclosed_from: for an investigation purpose declared by POLICE, when the read may appear in
--   the person's access history (personAccessHistory); null: at once.
-- Nullable columns without defaults rewrite no row, so the append-only triggers stay quiet.

ALTER TABLE audit_record
    ADD COLUMN purpose        text,
    ADD COLUMN purpose_case   text,
    ADD COLUMN disclosed_from timestamptz;

-- A person's access history reads the records that name them.
CREATE INDEX audit_record_person_ids ON audit_record USING gin (person_ids);
