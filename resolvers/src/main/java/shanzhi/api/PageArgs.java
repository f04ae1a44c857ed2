package shanzhi.api;

/**
 * Validated `first`/`after` of a connection field. `after` is the keyset position the client's
 * cursor was opened to by {@link Paging} (never the cursor itself); each ordering parses it with
 * its own {@link Cursor} kind.
 */
public record PageArgs(int first, String after) {
    public static final int DEFAULT_FIRST = 20;
    public static final int MAX_FIRST = 100;

    public PageArgs {
        requireValidFirst(first);
    }

    static void requireValidFirst(int first) {
        if (first < 0 || first > MAX_FIRST) {
            throw new BadUserInput("`first` must be between 0 and " + MAX_FIRST + ", got " + first);
        }
    }

    /** One row more than asked, to know whether a next page exists without counting. */
    public int fetchSize() {
        return first + 1;
    }
}
