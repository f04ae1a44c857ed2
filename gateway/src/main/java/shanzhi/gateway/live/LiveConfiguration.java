package shanzhi.gateway.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.r2dbc.pool.ConnectionPool;
import shanzhi.api.LiveEvents;
import shanzhi.gateway.audit.AuditProperties;
import shanzhi.gateway.redis.RedisKeys;
import shanzhi.gateway.redis.RedisServerLocation;
import shanzhi.gateway.resilience.SourceGuards;
import shanzhi.gateway.sources.DemoProperties;
import shanzhi.gateway.sources.Department;

/**
 * Where live events come from: the outbox of each department (grid, security, legal; people only
 * announces changes for the caches), relayed to one Redis stream, read back by every replica into
 * its {@link LiveEvents}.
 */
@Configuration(proxyBeanMethods = false)
public class LiveConfiguration {
    /** The stream's key under the gateway's prefix. */
    public static final String STREAM = "live";

    @Bean
    LiveFanOut liveEvents(LiveProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new LiveFanOut(properties.dedupeWindow(), registry(meters));
    }

    @Bean
    LiveLifecycle liveLifecycle(LiveProperties properties, LiveFanOut fanOut, ReactiveStringRedisTemplate redis,
                                RedisKeys keys, RedisServerLocation redisLocation,
                                @Qualifier("peoplePool") ConnectionPool people,
                                @Qualifier("gridPool") ConnectionPool grid,
                                @Qualifier("securityPool") ConnectionPool security,
                                @Qualifier("legalPool") ConnectionPool legal,
                                SourceGuards guards, DemoProperties demo, AuditProperties audit,
                                ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = registry(meters);
        String stream = keys.key(STREAM);
        List<OutboxRelay> relays = new ArrayList<>();
        if (properties.relayEnabled()) {
            BatchPublisher publisher = new StreamPublisher(redis, stream, properties.streamMaxLength());
            for (var store : List.of(Map.entry(Department.PEOPLE, people), Map.entry(Department.GRID, grid),
                    Map.entry(Department.SECURITY, security), Map.entry(Department.LEGAL, legal))) {
                Department department = store.getKey();
                relays.add(new OutboxRelay(department, store.getValue(), guards.circuitBreaker(department), publisher,
                        properties, registry));
            }
        }
        StreamReader reader = new StreamReader(redisLocation.url(), stream, properties, fanOut, registry);
        // A one-shot run (load the demo, verify the audit chain) must not drain the outboxes: with
        // no Redis configured it would publish them to an embedded Redis that dies with it.
        boolean oneShot = demo.isLoadOnly() || audit.isVerifyOnly();
        return new LiveLifecycle(relays, reader, !oneShot);
    }

    private static MeterRegistry registry(ObjectProvider<MeterRegistry> meters) {
        return meters.getIfAvailable(() -> Metrics.globalRegistry);
    }
}
