package shanzhi.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;


@DgsDataLoader(name = PoliceRoomOfVillageLoader.NAME)
public class PoliceRoomOfVillageLoader implements MappedBatchLoader<String, PoliceRoomRow> {
    public static final String NAME = "policeRoomOfVillage";
    private final PoliceRepository police;

    public PoliceRoomOfVillageLoader(PoliceRepository police) {
        this.police = police;
    }

    @Override
    public CompletionStage<Map<String, PoliceRoomRow>> load(Set<String> keys) {
        return police.roomsOfVillages(keys).toFuture();
    }
}
