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

/** The station of a room the caller sees: its town lies above or under the scope. */
@DgsDataLoader(name = PoliceStationLoader.NAME)
public class PoliceStationLoader extends ScopedBatchLoader<Long, PoliceStationRow> {
    public static final String NAME = "policeStationById";
    public static final ReferenceKind<Long, PoliceStationRow> KIND = ReferenceKind.of("police-station", PoliceStationRow.class, "police_station");
    private final PoliceRepository police;
    private final ReferenceCache cache;

    public PoliceStationLoader(PoliceRepository police, ReferenceCache cache) {
        this.police = police;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<Long, PoliceStationRow>> load(Set<Long> keys, Scope scope) {
        return cache.getAll(KIND, keys, police::stationsByIds)
                .map(found -> ScopeFilter.seen(found, scope, PoliceStationRow::townCode));
    }
}
