package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;


@DgsDataLoader(name = StationRoomsLoader.NAME)
public class StationRoomsLoader implements MappedBatchLoader<Long, List<PoliceRoomRow>> {
    public static final String NAME = "stationRooms";
    private final PoliceRepository police;

    public StationRoomsLoader(PoliceRepository police) {
        this.police = police;
    }

    @Override
    public CompletionStage<Map<Long, List<PoliceRoomRow>>> load(Set<Long> keys) {
        return police.roomsOfStations(keys).toFuture();
    }
}
