package shanzhi.gateway.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * shanzhi.redis.breaker.*: the circuit breakers of the rate limiter, the persisted documents and
 * the lookup budgets (the reference cache has its own, under shanzhi.reference-cache.redis).
 *
 * @param slidingWindow                 calls the failure rate is computed over (and the minimum before it opens)
 * @param failureRateThreshold          percentage of failed calls in the window that opens the breaker
 * @param waitInOpenState               how long an open breaker skips Redis before probing it again
 * @param permittedCallsInHalfOpenState probes that must succeed to close it again
 */
@ConfigurationProperties("shanzhi.redis.breaker")
public record RedisBreakerProperties(
        @DefaultValue("10") int slidingWindow,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("5s") Duration waitInOpenState,
        @DefaultValue("2") int permittedCallsInHalfOpenState) {
}
