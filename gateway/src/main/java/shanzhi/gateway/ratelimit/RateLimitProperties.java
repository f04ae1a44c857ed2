package shanzhi.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * shanzhi.rate-limit.*: GraphQL requests per token subject and per client application, counted in
 * Redis so that all replicas share one budget. A request must pass both limits.
 */
@ConfigurationProperties("shanzhi.rate-limit")
public class RateLimitProperties {
    /** Off: no limit and no Redis call. */
    private boolean enabled = true;
    /** The limit of one token subject (one person or one service account). */
    private Limit subject = new Limit(10, 40);
    /** The limit of one client application (azp/client_id), all its users together. */
    private Limit client = new Limit(200, 400);
    /** A limiter answer slower than this lets the request through (fail open). */
    private Duration redisTimeout = Duration.ofMillis(250);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Limit getSubject() { return subject; }
    public void setSubject(Limit subject) { this.subject = subject; }
    public Limit getClient() { return client; }
    public void setClient(Limit client) { this.client = client; }
    public Duration getRedisTimeout() { return redisTimeout; }
    public void setRedisTimeout(Duration redisTimeout) { this.redisTimeout = redisTimeout; }

    /** A sustained rate with a burst allowance. */
    public static class Limit {
        /** Requests per second in the long run (may be below 1, e.g. 0.5). */
        private double rate;
        /** Requests that may arrive at once after a quiet period. */
        private int burst;

        public Limit() {
        }

        public Limit(double rate, int burst) {
            this.rate = rate;
            this.burst = burst;
        }

        public double getRate() { return rate; }
        public void setRate(double rate) { this.rate = rate; }
        public int getBurst() { return burst; }
        public void setBurst(int burst) { this.burst = burst; }

        long emissionIntervalMicros() {
            if (rate <= 0 || burst < 1) {
                throw new IllegalStateException("a rate limit needs rate > 0 and burst >= 1, got " + rate + " and " + burst);
            }
            return Math.max(1, Math.round(1_000_000 / rate));
        }
    }
}
