-- PostGraphile's equivalent of the gateway's people(under: <town>, filter: {tag}, first: 50):
-- PostGraphile's built-in `condition` only tests equality, so the town prefix and the tag test are
-- a small SQL function, which PostGraphile exposes as the query field peopleUnder (a
-- connection; `first: 50` and its order by id come from the function's ORDER BY). The WHERE clause
-- is the gateway's own (PersonCriteria / PeopleQueries: left(cell_code, 9) = town, tags @> [tag]),
-- so both read the same index (person_town_idx) and return the same rows.
-- Created in the bench_<scale>_people database only (a schema of its own: bench).
CREATE SCHEMA IF NOT EXISTS bench;
CREATE OR REPLACE FUNCTION bench.people_under(town text, tag text) RETURNS SETOF public.person
LANGUAGE sql STABLE AS $$
  SELECT * FROM public.person p
  WHERE left(p.cell_code, 9) = town AND p.tags @> ARRAY[tag]
  ORDER BY p.id
$$;
