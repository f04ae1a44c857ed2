package shanzhi.gateway.ratelimit;

import java.time.Duration;

/** The limiter's answer: allowed, or refused until {@code retryAfter} has passed. */
public record RateLimitDecision(boolean allowed, Duration retryAfter) {
    public static final RateLimitDecision ALLOWED = new RateLimitDecision(true, Duration.ZERO);

    public static RateLimitDecision waitFor(long micros) {
        return micros <= 0 ? ALLOWED : new RateLimitDecision(false, Duration.ofNanos(micros * 1000));
    }

    /** Retry-After is whole seconds (RFC 9110); rounding up never invites a retry that fails again. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds();
        return retryAfter.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1;
    }
}
