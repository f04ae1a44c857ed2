-- Every committed change of judicial offices, legal advisers and the villages they serve announces itself once per statement through the
-- outbox, in the changing transaction; the relay fans it out to every gateway replica, whose
-- reference cache drops what depends on the table (see README, "Reference data cache").
-- Bulk loads that replace everything set shanzhi.outbox = 'off' and skip the announcement.
CREATE FUNCTION announce_reference_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('shanzhi.outbox', true), '') <> 'off' THEN
    INSERT INTO outbox (topic, cell_code, payload)
    VALUES ('reference.changed', NULL, jsonb_build_object('table', TG_TABLE_NAME));
  END IF;
  RETURN NULL;
END
$$;


CREATE TRIGGER judicial_office_reference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON judicial_office
  FOR EACH STATEMENT EXECUTE FUNCTION announce_reference_change();
CREATE TRIGGER legal_adviser_reference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON legal_adviser
  FOR EACH STATEMENT EXECUTE FUNCTION announce_reference_change();
CREATE TRIGGER adviser_village_reference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON adviser_village
  FOR EACH STATEMENT EXECUTE FUNCTION announce_reference_change();
