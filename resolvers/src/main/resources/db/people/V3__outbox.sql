-- The people store's transactional outbox, the same table as the other departments' (see
-- db/security/V2__outbox.sql): the gateway's relay publishes its rows to the live stream and
-- deletes them. Its only events so far are the announcements below.
CREATE TABLE outbox (
  id         bigserial PRIMARY KEY,
  topic      text NOT NULL,
  cell_code  text COLLATE "C",
  payload    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The gateway caches population counts (README, "Cached aggregates"): every committed change of
-- person announces itself once per statement, in the changing transaction, so that every
-- replica's cache drops the counts. Residents are registered by the department's own systems and
-- loaded in bulk, never through the gateway, so the announcement ignores shanzhi.outbox: a bulk
-- load changes the counts as much as any other statement, and costs one row per statement.
CREATE FUNCTION announce_aggregate_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (topic, cell_code, payload)
  VALUES ('reference.changed', NULL, jsonb_build_object('table', TG_TABLE_NAME));
  RETURN NULL;
END
$$;

CREATE TRIGGER person_aggregate_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON person
  FOR EACH STATEMENT EXECUTE FUNCTION announce_aggregate_change();
