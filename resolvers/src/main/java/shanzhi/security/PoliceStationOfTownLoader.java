package shanzhi.security;

import java.util.Map;
import java.util.Set;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.ReferenceCache;
import shanzhi.api.ReferenceKind;
import shanzhi.api.Scope;
import shanzhi.api.ScopeFilter;
import shanzhi.api.ScopedBatchLoader;

/**
 * Keyed by a town the caller already sees, so the scope removes nothing; it is applied anyway,
 * because the cached rows are shared by all callers.
 */
@DgsDataLoader(name = PoliceStationOfTownLoader.NAME)
public class PoliceStationOfTownLoader extends ScopedBatchLoader<String, PoliceStationRow> {
    public static final String NAME = "policeStationOfTown";
    public static final ReferenceKind<String, PoliceStationRow> KIND =
            ReferenceKind.of("police-station-of-town", PoliceStationRow.class, "police_station");
    private final PoliceRepository police;
    private final ReferenceCache cache;

    public PoliceStationOfTownLoader(PoliceRepository police, ReferenceCache cache) {
        this.police = police;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<String, PoliceStationRow>> load(Set<String> keys, Scope scope) {
        return cache.getAll(KIND, keys, police::stationsOfTowns)
                .map(found -> ScopeFilter.seen(found, scope, PoliceStationRow::townCode));
    }
}
