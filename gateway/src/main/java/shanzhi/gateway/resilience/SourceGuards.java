package shanzhi.gateway.resilience;

import java.util.EnumMap;
import java.util.Map;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.SourcesProperties;

/**
 * A registry per kind (breakers, bulkheads, time limiters) with one instance per department,
 * named by the department's key, configured from shanzhi.sources.&lt;dept&gt;.resilience.*.
 */
public final class SourceGuards {
    private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
    private final TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.ofDefaults();
    private final Map<Department, SourceGuard> guards = new EnumMap<>(Department.class);

    public SourceGuards(SourcesProperties sources) {
        for (Department department : Department.values()) {
            SourcesProperties.Resilience settings = sources.of(department).getResilience();
            guards.put(department, new SourceGuard(department,
                    circuitBreakers.circuitBreaker(department.key(), breakerConfig(settings)),
                    bulkheads.bulkhead(department.key(), BulkheadConfig.custom()
                            .maxConcurrentCalls(settings.getMaxConcurrentCalls())
                            .build()),
                    timeLimiters.timeLimiter(department.key(), TimeLimiterConfig.custom()
                            .timeoutDuration(settings.getTimeout())
                            .cancelRunningFuture(true)
                            .build())));
        }
    }

    private static CircuitBreakerConfig breakerConfig(SourcesProperties.Resilience settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.getSlidingWindow())
                .minimumNumberOfCalls(settings.getSlidingWindow())
                .failureRateThreshold(settings.getFailureRateThreshold())
                .waitDurationInOpenState(settings.getWaitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.getPermittedCallsInHalfOpenState())
                // Health shows HALF_OPEN when the wait is over, even if no request came to probe.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(StoreOutages::isOutage)
                // A full bulkhead is load, not a broken store: it must not open the breaker.
                .ignoreExceptions(BulkheadFullException.class)
                .build();
    }

    /** Every department's breaker, for the meters (resilience4j.circuitbreaker.*{name=department}). */
    public CircuitBreakerRegistry circuitBreakers() {
        return circuitBreakers;
    }

    /** Every department's bulkhead, for the meters (resilience4j.bulkhead.*{name=department}). */
    public BulkheadRegistry bulkheads() {
        return bulkheads;
    }

    public SourceGuard of(Department department) {
        return guards.get(department);
    }

    /** The department's breaker (health shows its state; tests watch it open and close). */
    public CircuitBreaker circuitBreaker(Department department) {
        return guards.get(department).circuitBreaker();
    }
}
