package shanzhi.grid;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

@DgsDataLoader(name = GridEventLoader.NAME)
public class GridEventLoader implements MappedBatchLoader<Long, GridEventRow> {
    public static final String NAME = "gridEventById";
    private final GridEventRepository events;

    public GridEventLoader(GridEventRepository events) {
        this.events = events;
    }

    @Override
    public CompletionStage<Map<Long, GridEventRow>> load(Set<Long> ids) {
        return events.findByIds(ids).collectMap(GridEventRow::id, Function.identity()).toFuture();
    }
}
