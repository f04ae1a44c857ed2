package shanzhi.api;

/**
 * A subscription could not start or could not go on; surfaces as a GraphQL error whose
 * extensions.code is {@link #code()}, after which the subscription is over.
 */
public class SubscriptionEnded extends RuntimeException {
    /** The caller's token expired while the subscription was open. */
    public static final String TOKEN_EXPIRED = "TOKEN_EXPIRED";
    /** The subscriber did not take the events as fast as they came and its buffer overflowed. */
    public static final String SUBSCRIBER_TOO_SLOW = "SUBSCRIBER_TOO_SLOW";
    /** The caller already has as many open subscriptions on this replica as allowed. */
    public static final String TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";
    /** This replica has no live events to serve (no relay configured). */
    public static final String UNAVAILABLE = "SUBSCRIPTIONS_UNAVAILABLE";

    private final String code;

    public SubscriptionEnded(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
