package shanzhi.gateway.http;

/**
 * What one request's operation reads, told by ReferenceReadInstrumentation before it runs and read
 * by CacheControlInterceptor when it has answered. Unknown (nothing ran: a refusal, a syntax error)
 * counts as personal: no-store is the default whenever the gateway is not sure.
 */
final class DataRead {
    private volatile boolean referenceOnly;

    void referenceOnly(boolean referenceOnly) {
        this.referenceOnly = referenceOnly;
    }

    boolean referenceOnly() {
        return referenceOnly;
    }
}
