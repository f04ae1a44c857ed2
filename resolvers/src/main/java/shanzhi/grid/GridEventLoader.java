package shanzhi.grid;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;


@DgsDataLoader(name = GridEventLoader.NAME)
public class GridEventLoader extends ScopedBatchLoader<Long, GridEventRow> {
    public static final String NAME = "gridEventById";
    private final GridEventRepository events;

    public GridEventLoader(GridEventRepository events) {
        this.events = events;
    }

    @Override
    protected Mono<Map<Long, GridEventRow>> load(Set<Long> keys, Scope scope) {
        return events.findByIds(keys, scope).collectMap(GridEventRow::id, Function.identity());
    }
}
