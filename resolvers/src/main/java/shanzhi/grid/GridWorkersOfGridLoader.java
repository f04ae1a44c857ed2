package shanzhi.grid;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

/** All workers of each party grid (Person.gridWorkers: a handful per grid, so no paging). */
@DgsDataLoader(name = GridWorkersOfGridLoader.NAME)
public class GridWorkersOfGridLoader implements MappedBatchLoader<String, List<GridWorkerRow>> {
    public static final String NAME = "gridWorkersOfGrid";
    private final GridWorkerRepository workers;

    public GridWorkersOfGridLoader(GridWorkerRepository workers) {
        this.workers = workers;
    }

    @Override
    public CompletionStage<Map<String, List<GridWorkerRow>>> load(Set<String> gridCodes) {
        return workers.ofGrids(gridCodes).toFuture();
    }
}
