-- Department people: households and residents. cell_code refers to a CELL region of the grid
-- store by value only (no cross-database keys).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE household (
  id        bigint PRIMARY KEY,
  address   text NOT NULL,
  cell_code text COLLATE "C" NOT NULL
);
CREATE INDEX household_cell_idx ON household (cell_code);

CREATE TABLE person (
  id           bigint PRIMARY KEY,
  name         text NOT NULL,
  id_number    text COLLATE "C" NOT NULL UNIQUE,
  gender       text NOT NULL CHECK (gender IN ('MALE','FEMALE')),
  birth_date   date NOT NULL,
  phone        text,
  residency    text NOT NULL CHECK (residency IN ('REGISTERED','FLOATING')),
  party_member boolean NOT NULL,
  household_id bigint NOT NULL REFERENCES household (id),
  cell_code    text COLLATE "C" NOT NULL,
  -- PersonTag names; a GIN index answers the tag filter.
  tags         text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX person_cell_idx ON person (cell_code, id);
CREATE INDEX person_household_idx ON person (household_id, id);
CREATE INDEX person_tags_idx ON person USING gin (tags);
CREATE INDEX person_name_trgm_idx ON person USING gin (name gin_trgm_ops);
