package shanzhi.api;

/** The caller's roles do not allow this field; surfaces as extensions.code FORBIDDEN at its path. */
public class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
