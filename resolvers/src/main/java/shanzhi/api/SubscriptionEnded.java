package shanzhi.api;

/**
 * A subscription could not start or could not go on; surfaces as a GraphQL error whose
 * extensions.code is {@link #code()}, after which the subscription is over.
 */
public class SubscriptionEnded extends RuntimeException {
    private final ErrorCode code;

    public SubscriptionEnded(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
