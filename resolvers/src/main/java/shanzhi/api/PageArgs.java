package shanzhi.api;

import java.util.Map;

/**
 * Validated `first`/`after` of a connection field. `after` stays an opaque string here; each
 * ordering decodes it with its own {@link Cursor} kind.
 */
public record PageArgs(int first, String after) {
    public static final int DEFAULT_FIRST = 20;
    public static final int MAX_FIRST = 100;

    public PageArgs {
        if (first < 0 || first > MAX_FIRST) {
            throw new BadUserInput("`first` must be between 0 and " + MAX_FIRST + ", got " + first);
        }
    }

    public static PageArgs of(Map<String, Object> arguments) {
        Object first = arguments.get("first");
        Object after = arguments.get("after");
        return new PageArgs(first == null ? DEFAULT_FIRST : ((Number) first).intValue(), (String) after);
    }

    /** One row more than asked, to know whether a next page exists without counting. */
    public int fetchSize() {
        return first + 1;
    }
}
