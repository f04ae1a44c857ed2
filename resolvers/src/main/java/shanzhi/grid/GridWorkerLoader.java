package shanzhi.grid;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

@DgsDataLoader(name = GridWorkerLoader.NAME)
public class GridWorkerLoader implements MappedBatchLoader<Long, GridWorkerRow> {
    public static final String NAME = "gridWorkerById";
    private final GridWorkerRepository workers;

    public GridWorkerLoader(GridWorkerRepository workers) {
        this.workers = workers;
    }

    @Override
    public CompletionStage<Map<Long, GridWorkerRow>> load(Set<Long> ids) {
        return workers.findByIds(ids).collectMap(GridWorkerRow::id, Function.identity()).toFuture();
    }
}
