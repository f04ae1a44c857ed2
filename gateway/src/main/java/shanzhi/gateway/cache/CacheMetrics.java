package shanzhi.gateway.cache;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the reference cache does, as Micrometer meters (shanzhi.reference_cache.*) and as
 * numbers for tests and the health details. Counted per key of a batch, not per batch.
 */
public final class CacheMetrics {
    private final AtomicLong nearHits = new AtomicLong();
    private final AtomicLong redisHits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong redisErrors = new AtomicLong();
    private final AtomicLong redisSkipped = new AtomicLong();
    private final AtomicLong invalidations = new AtomicLong();

    /** A snapshot of the counts. */
    public record Counts(long nearHits, long redisHits, long misses, long redisErrors, long redisSkipped, long invalidations) {
    }

    void register(MeterRegistry registry, Supplier<CircuitBreaker> breaker) {
        String lookups = "shanzhi.reference_cache.lookups";
        FunctionCounter.builder(lookups, nearHits, AtomicLong::get).tag("result", "near_hit")
                .description("Keys of reference data answered by the in-process near-cache").register(registry);
        FunctionCounter.builder(lookups, redisHits, AtomicLong::get).tag("result", "redis_hit")
                .description("Keys of reference data answered by Redis").register(registry);
        FunctionCounter.builder(lookups, misses, AtomicLong::get).tag("result", "miss")
                .description("Keys of reference data read from the stores").register(registry);
        FunctionCounter.builder("shanzhi.reference_cache.redis.errors", redisErrors, AtomicLong::get)
                .description("Reference cache calls to Redis that failed or timed out").register(registry);
        FunctionCounter.builder("shanzhi.reference_cache.redis.skipped", redisSkipped, AtomicLong::get)
                .description("Reference cache calls to Redis skipped because its circuit breaker is open").register(registry);
        FunctionCounter.builder("shanzhi.reference_cache.invalidations", invalidations, AtomicLong::get)
                .description("Reference data changes applied to this replica's cache").register(registry);
        Gauge.builder("shanzhi.reference_cache.redis.breaker", () -> stateCode(breaker.get().getState()))
                .description("Circuit breaker in front of Redis: 0 closed, 1 half-open, 2 open (Redis skipped)")
                .register(registry);
    }

    public Counts counts() {
        return new Counts(nearHits.get(), redisHits.get(), misses.get(), redisErrors.get(), redisSkipped.get(), invalidations.get());
    }

    void nearHits(int n) {
        nearHits.addAndGet(n);
    }

    void redisHits(int n) {
        redisHits.addAndGet(n);
    }

    void misses(int n) {
        misses.addAndGet(n);
    }

    void redisError() {
        redisErrors.incrementAndGet();
    }

    void redisSkipped() {
        redisSkipped.incrementAndGet();
    }

    void invalidation() {
        invalidations.incrementAndGet();
    }

    private static int stateCode(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            default -> 2;
        };
    }
}
