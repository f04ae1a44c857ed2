-- The transactional outbox: a change and the event announcing it commit together or not at all.
-- The gateway's relay (gateway/.../live/OutboxRelay) reads the rows in id order, publishes them
-- to the Redis stream every replica reads, and deletes them in the same transaction, so a crash
-- between commit and publish delays an event and never drops it.
-- Rows are written by triggers, not by the gateway's Java code: this store is also written by
-- the department's own systems, and their changes must reach subscribers with the same guarantee.
CREATE TABLE outbox (
  id         bigserial PRIMARY KEY,
  topic      text NOT NULL,
  cell_code  text COLLATE "C",
  payload    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Bulk loads (the demo loader's COPY of hundreds of thousands of rows) are not news: a session
-- that sets shanzhi.outbox = 'off' writes no outbox rows. Any trigger inserting into outbox
-- (also the reference-data triggers of later migrations) checks it in its WHEN clause, where
-- a false condition queues no after-trigger event at all: a COPY pays one function call per row.
CREATE FUNCTION outbox_enabled() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('shanzhi.outbox', true), '') <> 'off'
$$;

-- Every reported grid event, by the API or by any other writer.
CREATE FUNCTION grid_event_reported() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (topic, cell_code, payload) VALUES ('grid_event.reported', NEW.cell_code, to_jsonb(NEW));
  RETURN NULL;
END $$;
CREATE TRIGGER grid_event_reported AFTER INSERT ON grid_event
  FOR EACH ROW WHEN (outbox_enabled()) EXECUTE FUNCTION grid_event_reported();

-- A status that really moved; an UPDATE that leaves it as it was is not news.
CREATE FUNCTION grid_event_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (topic, cell_code, payload) VALUES ('grid_event.changed', NEW.cell_code, to_jsonb(NEW));
  RETURN NULL;
END $$;
CREATE TRIGGER grid_event_changed AFTER UPDATE OF status ON grid_event
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND outbox_enabled()) EXECUTE FUNCTION grid_event_changed();
