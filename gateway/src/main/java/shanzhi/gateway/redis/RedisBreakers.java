package shanzhi.gateway.redis;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The breakers of the request path's Redis dependencies, in one registry so that metrics
 * (resilience4j.circuitbreaker.*{name="redis-..."}) and health ("redis" component) list them all.
 * Each dependency has its own breaker: they share the server but not the fallback, and one
 * dependency's slow script must not switch another's Redis off.
 */
public final class RedisBreakers {
    private static final Logger log = LoggerFactory.getLogger(RedisBreakers.class);
    private final CircuitBreakerRegistry registry;
    private final RedisBreakerProperties properties;

    public RedisBreakers(RedisBreakerProperties properties) {
        this.properties = properties;
        this.registry = CircuitBreakerRegistry.of(RedisBreaker.config(properties.slidingWindow(),
                properties.failureRateThreshold(), properties.waitInOpenState(), properties.permittedCallsInHalfOpenState()));
    }

    /** The breaker named {@code redis-<dependency>}, created on first use, with the dependency's own timeout. */
    public RedisBreaker breaker(String dependency, Duration timeout) {
        CircuitBreaker breaker = registry.circuitBreaker("redis-" + dependency);
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.StateTransition transition = event.getStateTransition();
            if (transition.getToState() == CircuitBreaker.State.OPEN) {
                log.warn("Redis fails for {}: skipping it (its fallback applies) and probing again every {}",
                        dependency, properties.waitInOpenState());
            } else if (transition.getToState() == CircuitBreaker.State.CLOSED) {
                log.info("Redis answers {} again", dependency);
            }
        });
        return new RedisBreaker(breaker, timeout);
    }

    public CircuitBreakerRegistry registry() {
        return registry;
    }
}
