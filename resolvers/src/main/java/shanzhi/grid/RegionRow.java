package shanzhi.grid;

import shanzhi.schema.types.RegionLevel;

/** A node of the region tree; parentCode is null for the district. */
public record RegionRow(String code, String name, RegionLevel level, String parentCode) {
}
