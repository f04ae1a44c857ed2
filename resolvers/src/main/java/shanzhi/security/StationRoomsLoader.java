package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.ReferenceCache;
import shanzhi.api.ReferenceKind;
import shanzhi.api.Scope;
import shanzhi.api.ScopeFilter;
import shanzhi.api.ScopedBatchLoader;

/** Rooms of each station: all of them cached, then those whose village the caller sees. */
@DgsDataLoader(name = StationRoomsLoader.NAME)
public class StationRoomsLoader extends ScopedBatchLoader<Long, List<PoliceRoomRow>> {
    public static final String NAME = "stationRooms";
    public static final ReferenceKind<Long, List<PoliceRoomRow>> KIND =
            ReferenceKind.listOf("station-rooms", PoliceRoomRow.class, "police_room");
    private final PoliceRepository police;
    private final ReferenceCache cache;

    public StationRoomsLoader(PoliceRepository police, ReferenceCache cache) {
        this.police = police;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<Long, List<PoliceRoomRow>>> load(Set<Long> keys, Scope scope) {
        return cache.getAll(KIND, keys, police::roomsOfStations)
                .map(found -> ScopeFilter.seenInLists(found, scope, PoliceRoomRow::villageCode));
    }
}
