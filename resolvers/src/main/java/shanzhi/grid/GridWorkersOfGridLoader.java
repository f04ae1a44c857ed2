package shanzhi.grid;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/** All workers of each party grid (Person.gridWorkers, for a person the caller sees). */
@DgsDataLoader(name = GridWorkersOfGridLoader.NAME)
public class GridWorkersOfGridLoader extends ScopedBatchLoader<String, List<GridWorkerRow>> {
    public static final String NAME = "gridWorkersOfGrid";
    private final GridWorkerRepository workers;

    public GridWorkersOfGridLoader(GridWorkerRepository workers) {
        this.workers = workers;
    }

    @Override
    protected Mono<Map<String, List<GridWorkerRow>>> load(Set<String> keys, Scope scope) {
        return workers.ofGrids(keys);
    }
}
