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
 * Keyed by a village the caller already sees, so the scope removes nothing; it is applied anyway,
 * because the cached rows are shared by all callers.
 */
@DgsDataLoader(name = PoliceRoomOfVillageLoader.NAME)
public class PoliceRoomOfVillageLoader extends ScopedBatchLoader<String, PoliceRoomRow> {
    public static final String NAME = "policeRoomOfVillage";
    public static final ReferenceKind<String, PoliceRoomRow> KIND =
            ReferenceKind.of("police-room-of-village", PoliceRoomRow.class, "police_room");
    private final PoliceRepository police;
    private final ReferenceCache cache;

    public PoliceRoomOfVillageLoader(PoliceRepository police, ReferenceCache cache) {
        this.police = police;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<String, PoliceRoomRow>> load(Set<String> keys, Scope scope) {
        return cache.getAll(KIND, keys, police::roomsOfVillages)
                .map(found -> ScopeFilter.seen(found, scope, PoliceRoomRow::villageCode));
    }
}
