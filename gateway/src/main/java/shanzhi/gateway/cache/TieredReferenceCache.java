package shanzhi.gateway.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import shanzhi.api.ReferenceCache;
import shanzhi.api.ReferenceKind;

/**
 * The reference cache: near-cache, then Redis for the near misses of a batch (one round trip),
 * then the store for what is left (one load call); what the store returned goes into Redis (one
 * round trip) and the near-cache. Without Redis the near-cache and the store still serve.
 */
public final class TieredReferenceCache implements ReferenceCache {
    private static final Logger log = LoggerFactory.getLogger(TieredReferenceCache.class);

    /** A kind's near-cache and codec in this replica. */
    private record Tier(ReferenceKind<?, ?> kind, NearCache near, RowCodec codec) {
    }

    private final ReferenceCacheProperties properties;
    private final CacheMetrics metrics;
    private final SharedTier shared;
    private final Map<String, Tier> tiers = new ConcurrentHashMap<>();

    TieredReferenceCache(ReferenceCacheProperties properties, CacheMetrics metrics,
                         Function<Runnable, SharedTier> sharedTier) {
        this.properties = properties;
        this.metrics = metrics;
        // Redis or the live-event fan-out (which runs through Redis) was out: changes announced
        // meanwhile may not have reached this replica, so nothing the near-cache holds from before
        // is trusted. Redis entries need nothing: the outbox relay delivers the missed changes
        // once Redis is back (at least once), and each one moves the table's generation on.
        this.shared = sharedTier.apply(this::clearNear);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Mono<Map<K, V>> getAll(ReferenceKind<K, V> kind, Set<K> keys, Function<Set<K>, Mono<Map<K, V>>> load) {
        Tier tier = tier(kind);
        long epoch = tier.near().epoch();
        Map<K, V> found = new HashMap<>();
        Map<String, K> missing = new LinkedHashMap<>();
        for (K key : keys) {
            NearCache.Entry entry = tier.near().get(key);
            if (entry == null) {
                missing.put(String.valueOf(key), key);
            } else if (entry.value() != null) {
                found.put(key, (V) entry.value());
            }
        }
        metrics.nearHits(keys.size() - missing.size());
        if (missing.isEmpty()) {
            return Mono.just(found);
        }
        return shared.read(kind, tier.codec(), new ArrayList<>(missing.keySet())).flatMap(read -> {
            Map<Object, NearCache.Entry> fromRedis = new HashMap<>();
            read.values().forEach((id, text) -> {
                NearCache.Entry entry = decode(tier, text);
                if (entry != null) {
                    K key = missing.remove(id);
                    fromRedis.put(key, entry);
                    if (entry.value() != null) {
                        found.put(key, (V) entry.value());
                    }
                }
            });
            metrics.redisHits(fromRedis.size());
            tier.near().putIfCurrent(epoch, fromRedis);
            if (missing.isEmpty()) {
                return Mono.just(found);
            }
            Set<K> toLoad = Set.copyOf(missing.values());
            metrics.misses(toLoad.size());
            return load.apply(toLoad).defaultIfEmpty(Map.of()).flatMap(loaded -> {
                Map<Object, NearCache.Entry> fromStore = new HashMap<>();
                Map<String, String> encoded = new HashMap<>();
                missing.forEach((id, key) -> {
                    V value = loaded.get(key);
                    fromStore.put(key, new NearCache.Entry(value));
                    encoded.put(id, tier.codec().encode(value));
                    if (value != null) {
                        found.put(key, value);
                    }
                });
                tier.near().putIfCurrent(epoch, fromStore);
                Mono<Void> write = read.available() ? shared.write(kind, tier.codec(), read.generation(), encoded) : Mono.empty();
                return write.thenReturn(found);
            });
        });
    }

    /** Applies a change of {@code table}: this replica's near-cache now, every replica's Redis entries by generation. */
    public Mono<Void> invalidate(String table) {
        List<Tier> affected = tiers.values().stream().filter(tier -> tier.kind().dependsOn(table)).toList();
        affected.forEach(tier -> tier.near().invalidate());
        metrics.invalidation();
        log.debug("Reference data of table {} changed: {} near-cache kind(s) cleared", table, affected.size());
        return shared.bump(table);
    }

    /** Applies a change of each of {@code tables}. */
    public Mono<Void> invalidate(Set<String> tables) {
        return Flux.fromIterable(tables).concatMap(this::invalidate).then();
    }

    /** Forgets everything this replica holds; Redis entries stay (they follow the generations). */
    public void clearNear() {
        tiers.values().forEach(tier -> tier.near().invalidate());
    }

    public CacheMetrics.Counts counts() {
        return metrics.counts();
    }

    public CircuitBreaker redisBreaker() {
        return shared.breaker();
    }

    private Tier tier(ReferenceKind<?, ?> kind) {
        Tier tier = tiers.computeIfAbsent(kind.name(), name -> new Tier(kind, new NearCache(properties.near()), new RowCodec(kind)));
        if (!tier.kind().equals(kind)) {
            throw new IllegalStateException("Two reference kinds are named " + kind.name());
        }
        return tier;
    }

    // An entry this version cannot read (corrupt, or written by code with another shape under the
    // same fingerprint) is a miss: the store answers and the entry is overwritten.
    private static NearCache.Entry decode(Tier tier, String text) {
        try {
            return new NearCache.Entry(tier.codec().decode(text));
        } catch (RuntimeException e) {
            log.debug("Unreadable reference cache entry of {}: {}", tier.kind().name(), e.toString());
            return null;
        }
    }
}
