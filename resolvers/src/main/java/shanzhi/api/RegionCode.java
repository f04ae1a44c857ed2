package shanzhi.api;

import java.util.regex.Pattern;

import shanzhi.schema.types.RegionLevel;

/**
 * Region codes nest by prefix: district 6 digits, town 9, village 12, party grid 14, cell 17.
 * "Everything under a region" is the half-open code range [code, code + ":"), because ':' sorts
 * right after '9' in the "C" collation every code column uses; a btree answers it directly.
 */
public final class RegionCode {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+"); // ASCII only, never Unicode digits

    private RegionCode() {
    }

    public static String requireValid(String code) {
        if (code == null || !DIGITS.matcher(code).matches() || levelOf(code) == null) {
            throw new BadUserInput("Malformed region code " + BadUserInput.echo(code)
                    + ": expected 6 (district), 9 (town), 12 (village), 14 (grid) or 17 (cell) digits");
        }
        return code;
    }

    public static String requireLevel(String code, RegionLevel level) {
        requireValid(code);
        if (levelOf(code) != level) {
            throw new BadUserInput("Region code " + BadUserInput.echo(code) + " is not a " + level + " code");
        }
        return code;
    }

    /** The level a code's length implies, or null for a length no level has. */
    public static RegionLevel levelOf(String code) {
        return switch (code.length()) {
            case 6 -> RegionLevel.DISTRICT;
            case 9 -> RegionLevel.TOWN;
            case 12 -> RegionLevel.VILLAGE;
            case 14 -> RegionLevel.GRID;
            case 17 -> RegionLevel.CELL;
            default -> null;
        };
    }

    /** Exclusive upper bound of the range of codes under {@code prefix}. */
    public static String upperBound(String prefix) {
        return prefix + ":";
    }

    public static String townOf(String code) {
        return code.length() >= 9 ? code.substring(0, 9) : null;
    }

    /** The party grid whose workers serve a region: a cell's grid, or the region itself. */
    public static String gridScopeOf(String code) {
        return code.length() > 14 ? code.substring(0, 14) : code;
    }
}
