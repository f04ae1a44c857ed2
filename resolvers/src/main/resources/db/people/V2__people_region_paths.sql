-- "Residents under a region, ordered by id" must stop after one page. A range on cell_code
-- cannot be read in id order, so each level below the district gets an index on its own code
-- prefix and id: the page is then an ordered index scan with LIMIT, whatever the region's size.
-- (Cells use person_cell_idx; the district is every resident, read in primary-key order.)
CREATE INDEX person_town_idx ON person (left(cell_code, 9), id);
CREATE INDEX person_village_idx ON person (left(cell_code, 12), id);
CREATE INDEX person_grid_idx ON person (left(cell_code, 14), id);
