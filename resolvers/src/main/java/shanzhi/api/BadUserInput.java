package shanzhi.api;

/**
 * The caller sent something the API cannot accept (malformed code, bad check digit, page size
 * out of range, unknown cursor, invalid status move...). Surfaces as a GraphQL error with
 * extensions.code BAD_USER_INPUT; thrown before anything is written.
 */
public class BadUserInput extends RuntimeException {
    public BadUserInput(String message) {
        super(message);
    }
}
