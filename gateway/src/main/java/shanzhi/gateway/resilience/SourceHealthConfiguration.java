package shanzhi.gateway.resilience;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.r2dbc.pool.ConnectionPool;
import shanzhi.gateway.sources.Department;

/**
 * /actuator/health/sources/&lt;dept&gt;: each store's state and breaker state. Not part of the
 * readiness group (none of the four is critical): every replica shares the same stores, so
 * taking replicas out of the load balancer for one store's outage would turn a missing
 * department into a missing gateway, while the other three departments can still be served.
 */
@Configuration(proxyBeanMethods = false)
class SourceHealthConfiguration {

    @Bean
    CompositeReactiveHealthContributor sourcesHealthContributor(SourceGuards guards, Map<String, ConnectionPool> pools) {
        Map<String, ReactiveHealthContributor> sources = new LinkedHashMap<>();
        for (Department department : Department.values()) {
            ConnectionPool pool = pools.get(department.key() + "Pool");
            sources.put(department.key(), new SourceHealthIndicator(guards.of(department), pool));
        }
        return CompositeReactiveHealthContributor.fromMap(sources);
    }
}
