package shanzhi.grid;

import java.util.List;
import java.util.concurrent.CompletableFuture;


import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;

import shanzhi.api.ScopedBatchLoader;
import shanzhi.people.PersonRow;

@DgsComponent
public class GridEventFields {

    @DgsData(parentType = "GridEvent", field = "region")
    public CompletableFuture<RegionRow> region(DgsDataFetchingEnvironment env) {
        GridEventRow event = env.getSource();
        return ScopedBatchLoader.<String, RegionRow>load(env, RegionLoader.NAME, event.cellCode());
    }

    @DgsData(parentType = "GridEvent", field = "reporter")
    public CompletableFuture<GridWorkerRow> reporter(DgsDataFetchingEnvironment env) {
        GridEventRow event = env.getSource();
        return ScopedBatchLoader.<Long, GridWorkerRow>load(env, GridWorkerLoader.NAME, event.reporterId());
    }

    @DgsData(parentType = "GridEvent", field = "persons")
    public CompletableFuture<List<PersonRow>> persons(DgsDataFetchingEnvironment env) {
        GridEventRow event = env.getSource();
        return ScopedBatchLoader.<Long, List<PersonRow>>load(env, GridEventPersonsLoader.NAME, event.id()).thenApply(found -> found == null ? List.of() : found);
    }

    @DgsData(parentType = "GridWorker", field = "grid")
    public CompletableFuture<RegionRow> grid(DgsDataFetchingEnvironment env) {
        GridWorkerRow worker = env.getSource();
        return ScopedBatchLoader.<String, RegionRow>load(env, RegionLoader.NAME, worker.gridCode());
    }
}
