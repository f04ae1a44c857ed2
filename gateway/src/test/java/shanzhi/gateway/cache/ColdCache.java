package shanzhi.gateway.cache;

import java.time.Duration;
import java.util.Set;

/** Makes a gateway's reference cache cold: near-cache cleared, every Redis entry behind a new generation. */
public final class ColdCache {
    /** Every table the reference kinds (and the cached aggregates) depend on. */
    public static final Set<String> TABLES = Set.of("region", "police_station", "police_room",
            "judicial_office", "legal_adviser", "adviser_village", "incident", "person");

    private ColdCache() {
    }

    public static void of(TieredReferenceCache cache) {
        cache.invalidate(TABLES).block(Duration.ofSeconds(10));
    }
}
