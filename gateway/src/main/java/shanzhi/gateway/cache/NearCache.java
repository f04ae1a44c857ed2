package shanzhi.gateway.cache;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * One kind's entries in this replica. An invalidation bumps the epoch before it clears the
 * entries; a batch remembers the epoch it started in and keeps what it loaded only when no
 * invalidation came in between, so a load that read the store before a change cannot put the old
 * row back after the change was announced.
 */
final class NearCache {
    /** Caffeine holds no nulls: an absent row is held as an entry whose value is null. */
    record Entry(Object value) {
    }

    private final Cache<Object, Entry> entries;
    private final AtomicLong epoch = new AtomicLong();

    NearCache(ReferenceCacheProperties.Near settings) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.ttl())
                .build();
    }

    long epoch() {
        return epoch.get();
    }

    Entry get(Object key) {
        return entries.getIfPresent(key);
    }

    /** Keeps {@code loaded} if no invalidation happened since {@code startedIn}. */
    void putIfCurrent(long startedIn, Map<Object, Entry> loaded) {
        if (loaded.isEmpty() || epoch.get() != startedIn) {
            return;
        }
        entries.putAll(loaded);
        // An invalidation may have cleared between the check and the put: then drop what was put.
        if (epoch.get() != startedIn) {
            entries.invalidateAll(loaded.keySet());
        }
    }

    void invalidate() {
        epoch.incrementAndGet();
        entries.invalidateAll();
    }

    long size() {
        return entries.estimatedSize();
    }
}
