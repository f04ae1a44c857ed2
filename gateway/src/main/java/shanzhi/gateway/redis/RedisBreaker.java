package shanzhi.gateway.redis;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.dao.DataAccessException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import reactor.core.publisher.Mono;

/**
 * A timeout and a circuit breaker around the Redis calls of one dependency (rate limiter,
 * persisted documents, lookup budgets, reference cache). A hung or dead Redis costs each caller
 * the timeout only until the breaker opens; from then on a call fails at once with
 * {@link CallNotPermittedException} without reaching Redis, and the dependency applies its own
 * documented fallback. The breaker probes again by itself after its wait (half-open).
 * <p>
 * The timeout is inside the breaker, so a call that times out counts as a failure.
 */
public final class RedisBreaker {
    private final CircuitBreaker breaker;
    private final Duration timeout;
    private final AtomicLong attempts = new AtomicLong();

    public RedisBreaker(CircuitBreaker breaker, Duration timeout) {
        this.breaker = breaker;
        this.timeout = timeout;
    }

    /** The breaker's configuration; the window is count-based so a quiet replica still opens after a few failures. */
    public static CircuitBreakerConfig config(int slidingWindow, float failureRateThreshold, Duration waitInOpenState,
                                              int permittedCallsInHalfOpenState) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(slidingWindow)
                .minimumNumberOfCalls(slidingWindow)
                .failureRateThreshold(failureRateThreshold)
                .waitDurationInOpenState(waitInOpenState)
                .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
    }

    public <T> Mono<T> guard(Mono<T> call) {
        // The breaker operator subscribes upstream only when it grants a permit, so attempts
        // counts exactly the calls that were sent to Redis.
        return Mono.defer(() -> {
                    attempts.incrementAndGet();
                    return call;
                })
                .timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker));
    }

    /** True when the call was not sent because the breaker is open (not a Redis failure of its own). */
    public static boolean skipped(Throwable failure) {
        return failure instanceof CallNotPermittedException;
    }

    /** A failure of Redis (unreachable, too slow, breaker open, an error reply), as opposed to one of the caller's code. */
    public static boolean redisFailure(Throwable failure) {
        return skipped(failure) || failure instanceof TimeoutException || failure instanceof DataAccessException
                || failure instanceof io.lettuce.core.RedisException;
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Calls this breaker let through to Redis since start: what an outage test counts. */
    public long attempts() {
        return attempts.get();
    }
}
