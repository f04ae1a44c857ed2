-- A witness of the audit chain, kept in a department's own database (its own Flyway history,
-- shanzhi_witness_history, beside the department's). The gateway appends signed checkpoints of the
-- audit chain's head here (shanzhi.gateway.witness.StoreWitness); the audit store's owner has no
-- right in this database, so a chain rewritten, shortened or wiped there no longer matches these
-- copies. Append-only like the trail: a department DBA who switches the triggers off can delete
-- copies, but cannot forge one (they are signed), and the other witnesses still hold theirs.

CREATE TABLE evidence_checkpoint (
    sequence  bigint      NOT NULL CHECK (sequence >= 0),
    hash      bytea       NOT NULL CHECK (octet_length(hash) = 32),
    taken_at  timestamptz NOT NULL,
    key_id    text        NOT NULL,
    signature bytea       NOT NULL,
    PRIMARY KEY (sequence, key_id, taken_at)
);

CREATE FUNCTION evidence_checkpoint_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit checkpoints are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER evidence_checkpoint_append_only BEFORE UPDATE OR DELETE ON evidence_checkpoint
    FOR EACH ROW EXECUTE FUNCTION evidence_checkpoint_refuse_change();
CREATE TRIGGER evidence_checkpoint_no_truncate BEFORE TRUNCATE ON evidence_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_checkpoint_refuse_change();
