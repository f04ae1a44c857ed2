package shanzhi.api;

/**
 * The caller's roles do not allow this field; surfaces as extensions.code FORBIDDEN at its path.
 * {@code rule} names the rule that refused (for the audit trail's refusals) when the field's own
 * directive does not say it, e.g. a restricted filter value.
 */
public class Forbidden extends RuntimeException {
    private final String rule;

    public Forbidden(String message) {
        this(message, null);
    }

    public Forbidden(String message, String rule) {
        super(message);
        this.rule = rule;
    }

    /** The refusing rule, or null when it is the field's @allow (or not named). */
    public String rule() {
        return rule;
    }
}
