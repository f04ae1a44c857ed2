-- The gateway caches incident statistics (README, "Cached aggregates"): every committed change of
-- incident announces itself once per statement through the outbox, in the changing transaction,
-- like the reference-data triggers of V3, so that every replica's cache drops the statistics.
-- Unlike those it ignores shanzhi.outbox: a bulk load (COPY with shanzhi.outbox = 'off') or another
-- system's direct SQL changes the figures just as much, and one row per statement costs nothing.
CREATE FUNCTION announce_aggregate_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (topic, cell_code, payload)
  VALUES ('reference.changed', NULL, jsonb_build_object('table', TG_TABLE_NAME));
  RETURN NULL;
END
$$;

CREATE TRIGGER incident_aggregate_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident
  FOR EACH STATEMENT EXECUTE FUNCTION announce_aggregate_change();
