package shanzhi.api;

import java.util.List;

/** Entity ids are positive integers, carried as GraphQL IDs (strings). */
public final class Ids {
    private Ids() {
    }

    public static long parse(String id, String what) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the offending value
        }
        throw new BadUserInput("Malformed " + what + " id '" + id + "': expected a positive integer");
    }

    public static List<Long> parseAll(List<String> ids, String what) {
        return ids == null ? List.of() : ids.stream().map(id -> parse(id, what)).distinct().toList();
    }
}
