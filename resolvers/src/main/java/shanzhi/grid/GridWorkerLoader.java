package shanzhi.grid;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;


@DgsDataLoader(name = GridWorkerLoader.NAME)
public class GridWorkerLoader extends ScopedBatchLoader<Long, GridWorkerRow> {
    public static final String NAME = "gridWorkerById";
    private final GridWorkerRepository workers;

    public GridWorkerLoader(GridWorkerRepository workers) {
        this.workers = workers;
    }

    @Override
    protected Mono<Map<Long, GridWorkerRow>> load(Set<Long> keys, Scope scope) {
        return workers.findByIds(keys, scope).collectMap(GridWorkerRow::id, Function.identity());
    }
}
