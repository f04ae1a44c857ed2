package shanzhi.api;

import java.util.Optional;

/**
 * The region a caller may see under (claim "region"). Records of people, disputes, incidents,
 * events and workers are visible when their region lies under the scope; reference data
 * (region names, offices, stations, rooms, advisers) also when it lies above it, so that a
 * grid worker sees the name of their village and its legal adviser.
 */
public record Scope(String region) {

    public Scope {
        RegionCode.requireValid(region);
    }

    /** A record at {@code code} lies under (or at) the scope. */
    public boolean covers(String code) {
        return code != null && code.startsWith(region);
    }

    /** Reference data at {@code code} may be shown: under the scope or one of its ancestors. */
    public boolean sees(String code) {
        return code != null && (code.startsWith(region) || region.startsWith(code));
    }

    /**
     * The part of "everything under {@code code}" this caller may see, as one region code: the
     * longer of the two when one contains the other, none when they are disjoint.
     */
    public Optional<String> narrow(String code) {
        if (code.startsWith(region)) {
            return Optional.of(code);
        }
        if (region.startsWith(code)) {
            return Optional.of(region);
        }
        return Optional.empty();
    }

    /** Exclusive upper bound of the codes under the scope, for SQL ranges. */
    public String upperBound() {
        return RegionCode.upperBound(region);
    }
}
