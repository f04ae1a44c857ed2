package shanzhi.gateway.resilience;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ValidationDepth;
import reactor.core.publisher.Mono;

/**
 * One department's store as health sees it: UP when a pooled connection answers a round trip
 * within the source's timeout, DOWN otherwise; with the breaker's state and the bulkhead's and
 * pool's occupancy. The ping goes to the pool directly, past the breaker (an open breaker must
 * not hide a store that is back) and past the statement counter (it is not the API's traffic).
 */
final class SourceHealthIndicator implements ReactiveHealthIndicator {
    private final SourceGuard guard;
    private final ConnectionPool pool;
    private final Duration timeout;

    SourceHealthIndicator(SourceGuard guard, ConnectionPool pool) {
        this.guard = guard;
        this.pool = pool;
        this.timeout = guard.timeLimiter().getTimeLimiterConfig().getTimeoutDuration();
    }

    @Override
    public Mono<Health> health() {
        return Mono.usingWhen(pool.create(), SourceHealthIndicator::ping, Connection::close)
                .timeout(timeout)
                .map(alive -> alive ? details(Health.up()) : details(Health.down()))
                .onErrorResume(failure -> Mono.just(details(Health.down())
                        .withDetail("error", failure.getClass().getSimpleName())))
                .map(Health.Builder::build);
    }

    private static Mono<Boolean> ping(Connection connection) {
        return Mono.from(connection.validate(ValidationDepth.REMOTE));
    }

    private Health.Builder details(Health.Builder health) {
        CircuitBreaker breaker = guard.circuitBreaker();
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        health.withDetail("source", guard.department().key())
                .withDetail("circuitBreaker", breaker.getState().name())
                .withDetail("failureRate", metrics.getFailureRate())
                .withDetail("bufferedCalls", metrics.getNumberOfBufferedCalls())
                .withDetail("notPermittedCalls", metrics.getNumberOfNotPermittedCalls())
                .withDetail("bulkheadAvailable", guard.bulkhead().getMetrics().getAvailableConcurrentCalls());
        pool.getMetrics().ifPresent(poolMetrics -> health
                .withDetail("poolAcquired", poolMetrics.acquiredSize())
                .withDetail("poolIdle", poolMetrics.idleSize())
                .withDetail("poolPending", poolMetrics.pendingAcquireSize()));
        return health;
    }
}
