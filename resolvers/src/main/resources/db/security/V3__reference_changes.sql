-- Every committed change of police stations and rooms announces itself once per statement through the
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


CREATE TRIGGER police_station_reference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON police_station
  FOR EACH STATEMENT EXECUTE FUNCTION announce_reference_change();
CREATE TRIGGER police_room_reference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON police_room
  FOR EACH STATEMENT EXECUTE FUNCTION announce_reference_change();
