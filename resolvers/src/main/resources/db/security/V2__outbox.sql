CREATE TABLE outbox (
  id         bigserial PRIMARY KEY,
  topic      text NOT NULL,
  cell_code  text,
  payload    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
