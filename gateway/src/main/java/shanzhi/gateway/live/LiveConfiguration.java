package shanzhi.gateway.live;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.r2dbc.pool.ConnectionPool;
import shanzhi.api.LiveEvents;
import shanzhi.gateway.redis.RedisKeys;
import shanzhi.gateway.redis.RedisServerLocation;
import shanzhi.gateway.sources.Department;

/**
 * Where live events come from: the outbox of each department that has one (grid, security,
 * legal), relayed to one Redis stream, read back by every replica into its {@link LiveEvents}.
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
                                @Qualifier("gridPool") ConnectionPool grid,
                                @Qualifier("securityPool") ConnectionPool security,
                                @Qualifier("legalPool") ConnectionPool legal,
                                ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = registry(meters);
        String stream = keys.key(STREAM);
        List<OutboxRelay> relays = new ArrayList<>();
        if (properties.relayEnabled()) {
            BatchPublisher publisher = new StreamPublisher(redis, stream, properties.streamMaxLength());
            relays.add(new OutboxRelay(Department.GRID, grid, publisher, properties, registry));
            relays.add(new OutboxRelay(Department.SECURITY, security, publisher, properties, registry));
            relays.add(new OutboxRelay(Department.LEGAL, legal, publisher, properties, registry));
        }
        StreamReader reader = new StreamReader(redisLocation.url(), stream, properties, fanOut, registry);
        return new LiveLifecycle(relays, reader);
    }

    private static MeterRegistry registry(ObjectProvider<MeterRegistry> meters) {
        return meters.getIfAvailable(() -> Metrics.globalRegistry);
    }
}
