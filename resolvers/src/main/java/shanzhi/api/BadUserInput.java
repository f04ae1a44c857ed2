package shanzhi.api;

/**
 * The caller sent something the API cannot accept (malformed code, bad check digit, page size
 * out of range, unknown cursor, invalid status move...). Surfaces as a GraphQL error with
 * extensions.code BAD_USER_INPUT; thrown before anything is written.
 */
public class BadUserInput extends RuntimeException {
    /** The most of a client's input an error message repeats. */
    public static final int ECHO_LIMIT = 32;

    public BadUserInput(String message) {
        super(message);
    }

    /**
     * The input as an error message may quote it: in quotes, cut to {@value #ECHO_LIMIT} characters
     * and an ellipsis, so that an error never hands a large or crafted value back to the client
     * (or into logs and GraphiQL) in full.
     */
    public static String echo(String input) {
        if (input == null) {
            return "null";
        }
        int end = input.offsetByCodePoints(0, Math.min(ECHO_LIMIT, input.codePointCount(0, input.length())));
        return "'" + input.substring(0, end) + (end < input.length() ? "…" : "") + "'";
    }
}
