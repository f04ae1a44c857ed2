package shanzhi.gateway.observability;

import java.util.Map;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import shanzhi.gateway.resilience.SourceGuards;

/**
 * Meters of the stores' plumbing: each connection pool's connections in use, idle, pending
 * acquires and maximum (shanzhi.store.pool.*{pool}: the four departments and the audit store),
 * and each department's breaker and bulkhead (Resilience4j's binders, resilience4j.*{name}).
 */
@Component
public class StoreMetrics implements InitializingBean {
    private final MeterRegistry registry;
    private final Map<String, ConnectionPool> pools;
    private final SourceGuards guards;

    public StoreMetrics(MeterRegistry registry, Map<String, ConnectionPool> pools, SourceGuards guards) {
        this.registry = registry;
        this.pools = pools;
        this.guards = guards;
    }

    @Override
    public void afterPropertiesSet() {
        // Beans peoplePool, gridPool... auditPool: the tag is the store's name.
        pools.forEach((bean, pool) -> pool.getMetrics().ifPresent(metrics -> bind(bean.replaceFirst("Pool$", ""), metrics)));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(guards.circuitBreakers()).bindTo(registry);
        TaggedBulkheadMetrics.ofBulkheadRegistry(guards.bulkheads()).bindTo(registry);
    }

    private void bind(String pool, PoolMetrics metrics) {
        gauge("shanzhi.store.pool.acquired", "Connections in use", pool, metrics, PoolMetrics::acquiredSize);
        gauge("shanzhi.store.pool.idle", "Idle connections", pool, metrics, PoolMetrics::idleSize);
        gauge("shanzhi.store.pool.pending", "Requests waiting for a connection", pool, metrics,
                PoolMetrics::pendingAcquireSize);
        gauge("shanzhi.store.pool.max", "Largest number of connections", pool, metrics, PoolMetrics::getMaxAllocatedSize);
    }

    private void gauge(String name, String description, String pool, PoolMetrics metrics,
                       java.util.function.ToDoubleFunction<PoolMetrics> value) {
        Gauge.builder(name, metrics, value).description(description).tag("pool", pool).register(registry);
    }
}
