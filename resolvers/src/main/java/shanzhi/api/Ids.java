package shanzhi.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Entity ids are positive integers, carried as GraphQL IDs (strings) of ASCII digits only:
 * Long.parseLong alone would read "١٢٣" or "１２３" as 123, so two spellings would name one
 * record and slip past any check that compares the text.
 */
public final class Ids {
    private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]{1,18}");

    private Ids() {
    }

    public static long parse(String id, String what) {
        if (id != null && ASCII_DIGITS.matcher(id).matches()) {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        }
        throw new BadUserInput("Malformed " + what + " id " + BadUserInput.echo(id)
                + ": expected a positive integer in ASCII digits");
    }

    public static List<Long> parseAll(List<String> ids, String what) {
        return ids == null ? List.of() : ids.stream().map(id -> parse(id, what)).distinct().toList();
    }
}
