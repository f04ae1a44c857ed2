-- The repair path for a stray row: a record inserted with the chain's trigger switched off at a
-- sequence beyond the head. The next append's trigger gives its record that sequence, the
-- primary key refuses it, and every request that reads personal data fails closed until the row
-- is gone. Such a row is not part of the chain (the head never reached it), so it may be moved
-- aside: audit_quarantine_strays(), run by the tables' owner, moves every row beyond the head
-- into audit_stray_record (kept as evidence of the attempt) while holding the head's lock, and
-- nothing else can delete a record: a chain record (at or below the head) stays undeletable.

CREATE TABLE audit_stray_record (
    quarantined_at timestamptz NOT NULL DEFAULT now(),
    quarantined_by text        NOT NULL DEFAULT session_user,
    head_sequence  bigint      NOT NULL,
    record         jsonb       NOT NULL
);

CREATE TRIGGER audit_stray_record_append_only BEFORE UPDATE OR DELETE ON audit_stray_record
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_stray_record_no_truncate BEFORE TRUNCATE ON audit_stray_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Deleting a record is refused, except a row beyond the head, and only inside the quarantine.
CREATE FUNCTION audit_guard_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('shanzhi.audit_quarantine', true) = 'on'
       AND OLD.sequence > (SELECT sequence FROM public.audit_chain_head WHERE singleton) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only: DELETE on audit_record refused'
        USING ERRCODE = 'insufficient_privilege';
END
$$;

DROP TRIGGER audit_record_append_only ON audit_record;
CREATE TRIGGER audit_record_append_only BEFORE UPDATE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_record_delete_strays_only BEFORE DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_guard_delete();

CREATE FUNCTION audit_quarantine_strays() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    head_sequence bigint;
    moved         bigint;
BEGIN
    -- The head's lock: no append runs while the strays move.
    SELECT sequence INTO head_sequence FROM public.audit_chain_head WHERE singleton FOR UPDATE;
    PERFORM set_config('shanzhi.audit_quarantine', 'on', true);
    WITH gone AS (DELETE FROM public.audit_record WHERE sequence > head_sequence RETURNING *)
    INSERT INTO public.audit_stray_record (head_sequence, record)
    SELECT head_sequence, to_jsonb(gone) FROM gone;
    GET DIAGNOSTICS moved = ROW_COUNT;
    PERFORM set_config('shanzhi.audit_quarantine', 'off', true);
    RETURN moved;
END
$$;

REVOKE ALL ON FUNCTION audit_quarantine_strays() FROM PUBLIC;
REVOKE ALL ON audit_stray_record FROM PUBLIC;
GRANT SELECT ON audit_stray_record TO shanzhi_audit_writer;
