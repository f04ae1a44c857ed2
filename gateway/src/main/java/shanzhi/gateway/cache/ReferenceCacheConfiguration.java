package shanzhi.gateway.cache;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import shanzhi.api.LiveEvents;
import shanzhi.api.ReferenceCache;
import shanzhi.gateway.redis.RedisKeys;

/**
 * The reference cache of the batch loaders (regions, stations, rooms, offices, advisers), or the
 * stores directly with shanzhi.reference-cache.enabled=false. Invalidated by the live
 * reference.changed events when a LiveEvents bean exists; without one, entries live until their TTLs.
 */
@Configuration(proxyBeanMethods = false)
public class ReferenceCacheConfiguration {

    @Bean
    ReferenceCache referenceCache(ReferenceCacheProperties properties, ReactiveStringRedisTemplate redis, RedisKeys keys,
                                  ObjectProvider<MeterRegistry> registry) {
        if (!properties.enabled()) {
            return ReferenceCache.DIRECT;
        }
        CacheMetrics metrics = new CacheMetrics();
        TieredReferenceCache cache = new TieredReferenceCache(properties, metrics,
                onRecovery -> new SharedTier(redis, keys, properties.redis(), metrics, onRecovery));
        metrics.register(registry.getIfAvailable(() -> Metrics.globalRegistry), cache::redisBreaker);
        return cache;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "shanzhi.reference-cache.enabled", matchIfMissing = true)
    ReferenceInvalidation referenceInvalidation(ReferenceCache cache, ObjectProvider<LiveEvents> events) {
        return new ReferenceInvalidation(events, (TieredReferenceCache) cache);
    }
}
