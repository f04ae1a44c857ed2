package shanzhi.gateway.redis;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * /actuator/health/redisBreakers: each Redis dependency's breaker state. Always UP: every
 * dependency has a fallback, so an open breaker is a degraded feature (see README "Rate
 * limits", its breakers), not a replica to take out of the load balancer.
 */
final class RedisBreakersHealth implements HealthIndicator {
    private final RedisBreakers breakers;

    RedisBreakersHealth(RedisBreakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (CircuitBreaker breaker : breakers.registry().getAllCircuitBreakers()) {
            health.withDetail(breaker.getName(), breaker.getState().name());
        }
        return health.build();
    }
}
