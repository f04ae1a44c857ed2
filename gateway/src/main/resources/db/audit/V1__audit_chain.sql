-- The audit trail: one row per request that read or wrote personal data, hash-chained.
--
-- Chain: hash(n) = sha256(hash(n-1) || int8send(n) || content_hash(n)), hash(0) = 32 zero bytes.
-- content_hash is sha256 of the record's fields in a canonical encoding computed by the gateway
-- (shanzhi.gateway.audit.RecordDigest); the verifier recomputes it from the columns, so editing
-- any field, or any hash, or deleting any row breaks the chain at that row.
--
-- Several gateway replicas write at once: the BEFORE INSERT trigger locks the one-row chain
-- head (FOR UPDATE), takes the next sequence and the previous hash from it and moves it on, all
-- inside the inserting statement's transaction. PostgreSQL thus serialises appends; a replica
-- only INSERTs and never reads the head itself, so no replica can fork the chain.

CREATE TABLE audit_chain_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    sequence  bigint  NOT NULL,
    hash      bytea   NOT NULL
);
INSERT INTO audit_chain_head (singleton, sequence, hash) VALUES (true, 0, decode(repeat('00', 32), 'hex'));

CREATE TABLE audit_record (
    sequence       bigint      PRIMARY KEY,
    recorded_at    timestamptz NOT NULL,
    subject        text        NOT NULL,
    roles          text[]      NOT NULL,
    scope          text        NOT NULL,
    client         text        NOT NULL,
    worker_id      bigint,
    operation_type text        NOT NULL,
    operation_name text,
    document_hash  text        NOT NULL,
    person_ids     bigint[]    NOT NULL,
    fields         text[]      NOT NULL,
    outcome        text        NOT NULL,
    content_hash   bytea       NOT NULL CHECK (octet_length(content_hash) = 32),
    prev_hash      bytea       NOT NULL,
    hash           bytea       NOT NULL
);

-- Runs as the table owner (SECURITY DEFINER), so the application role needs INSERT on
-- audit_record only: it can neither move the head nor choose its own sequence or hashes.
CREATE FUNCTION audit_link() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    head public.audit_chain_head%ROWTYPE;
BEGIN
    SELECT * INTO head FROM public.audit_chain_head WHERE singleton FOR UPDATE;
    NEW.sequence := head.sequence + 1;
    NEW.prev_hash := head.hash;
    NEW.hash := sha256(head.hash || int8send(NEW.sequence) || NEW.content_hash);
    UPDATE public.audit_chain_head SET sequence = NEW.sequence, hash = NEW.hash WHERE singleton;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_record_link BEFORE INSERT ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_link();

-- Append-only for everyone, owner and superuser included, as long as triggers run. A superuser
-- can switch triggers off (session_replication_role); the chain is what exposes that.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- The head moves only from audit_link (trigger depth 2); any direct change is refused.
CREATE FUNCTION audit_guard_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit chain head moves only by appending a record: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_chain_head_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_guard_head();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_guard_head();

-- The application's database user is made a member of shanzhi_audit_writer: SELECT (for the
-- verifier) and INSERT, nothing else. Created here when missing (needs CREATEROLE; a DBA may
-- create it beforehand instead). Roles are cluster-wide, hence the race-tolerant creation.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shanzhi_audit_writer') THEN
        CREATE ROLE shanzhi_audit_writer NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

REVOKE ALL ON audit_record, audit_chain_head FROM PUBLIC;
GRANT SELECT, INSERT ON audit_record TO shanzhi_audit_writer;
GRANT SELECT ON audit_chain_head TO shanzhi_audit_writer;
