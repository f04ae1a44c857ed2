package shanzhi.gateway.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * shanzhi.reference-cache.*: the cache of reference data (regions, stations, rooms, offices,
 * advisers) in Redis, with a small near-cache in each replica.
 *
 * @param enabled false: every load goes to the store (no near-cache, no Redis call)
 * @param near    the in-process near-cache
 * @param redis   the shared cache in Redis and its circuit breaker
 */
@ConfigurationProperties("shanzhi.reference-cache")
public record ReferenceCacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Near near,
        @DefaultValue Redis redis) {

    /**
     * @param maxEntries entries kept per kind (a region, a station's room list, ...); least used go first
     * @param ttl        an entry is dropped this long after it was stored: the backstop for a missed invalidation
     */
    public record Near(
            @DefaultValue("20000") int maxEntries,
            @DefaultValue("60s") Duration ttl) {
    }

    /**
     * @param ttl                          lifetime of an entry in Redis
     * @param absentTtl                    lifetime of an "absent" entry (the store has no row for the key)
     * @param timeout                      a cache call to Redis slower than this fails (the store answers instead)
     * @param failureRateThreshold         percentage of failed Redis calls in the window that opens the breaker
     * @param slidingWindow                Redis calls the failure rate is computed over (and needed before it opens)
     * @param waitInOpenState              how long an open breaker skips Redis before probing it again
     * @param permittedCallsInHalfOpenState probe calls; if they succeed, caching in Redis resumes
     */
    public record Redis(
            @DefaultValue("1h") Duration ttl,
            @DefaultValue("5m") Duration absentTtl,
            @DefaultValue("200ms") Duration timeout,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindow,
            @DefaultValue("10s") Duration waitInOpenState,
            @DefaultValue("2") int permittedCallsInHalfOpenState) {
    }
}
