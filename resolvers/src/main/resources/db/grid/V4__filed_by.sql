-- Who filed each event, and as whom: the token's subject, roles and client (azp). The reporter
-- (reporter_id) is the grid worker the event is about; the filer is the caller that sent it, the
-- same worker since reportGridEvent requires reporterId = the token's worker_id, but recorded so
-- that the store itself says who wrote the row. Null for rows written before this migration and
-- for the demo district's generated events.
ALTER TABLE grid_event
  ADD COLUMN filed_by_subject text,
  ADD COLUMN filed_by_roles   text[],
  ADD COLUMN filed_by_client  text;

-- An idempotency key belongs to the caller that chose it (client and subject): another caller's
-- equal key creates its own event, so a key is neither an oracle ("already used") nor a way to
-- block someone else's report. Rows without a filer never conflict (NULLs are distinct).
ALTER TABLE grid_event DROP CONSTRAINT grid_event_idempotency_key_key;
ALTER TABLE grid_event ADD CONSTRAINT grid_event_idempotency_key_of_filer
  UNIQUE (filed_by_client, filed_by_subject, idempotency_key);
