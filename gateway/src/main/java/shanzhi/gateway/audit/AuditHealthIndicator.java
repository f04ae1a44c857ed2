package shanzhi.gateway.audit;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ValidationDepth;
import reactor.core.publisher.Mono;

/**
 * /actuator/health/audit: the audit store, UP when a pooled connection answers a round trip
 * within the write timeout. Part of readiness: every read of personal data appends to the audit
 * trail first and fails closed without it, so a replica that cannot reach the audit store cannot
 * serve the gateway's purpose and should get no traffic. Details (pool occupancy) go to operators.
 */
@Component("audit")
class AuditHealthIndicator implements ReactiveHealthIndicator {
    private final ConnectionPool pool;
    private final Duration timeout;

    AuditHealthIndicator(@Qualifier("auditPool") ConnectionPool pool, AuditProperties audit) {
        this.pool = pool;
        this.timeout = audit.getWriteTimeout();
    }

    @Override
    public Mono<Health> health() {
        return Mono.usingWhen(pool.create(), connection -> Mono.from(connection.validate(ValidationDepth.REMOTE)),
                        Connection::close)
                .timeout(timeout)
                .map(alive -> alive ? details(Health.up()) : details(Health.down()))
                .onErrorResume(failure -> Mono.just(details(Health.down()).withDetail("error", failure.getClass().getSimpleName())))
                .map(Health.Builder::build);
    }

    private Health.Builder details(Health.Builder health) {
        pool.getMetrics().ifPresent(metrics -> health
                .withDetail("poolAcquired", metrics.acquiredSize())
                .withDetail("poolIdle", metrics.idleSize())
                .withDetail("poolPending", metrics.pendingAcquireSize()));
        return health;
    }
}
