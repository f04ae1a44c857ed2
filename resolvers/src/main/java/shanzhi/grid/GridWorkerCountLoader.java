package shanzhi.grid;

import java.util.List;
import java.util.Map;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.CountsUnderRegion;

@DgsDataLoader(name = GridWorkerCountLoader.NAME)
public class GridWorkerCountLoader extends CountsUnderRegion<Void> {
    public static final String NAME = "gridWorkerCount";
    private final GridWorkerRepository workers;

    public GridWorkerCountLoader(GridWorkerRepository workers) {
        this.workers = workers;
    }

    @Override
    protected Mono<Map<String, Integer>> counts(List<String> regionCodes, Void none) {
        return workers.countUnder(regionCodes);
    }
}
