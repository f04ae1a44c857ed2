package shanzhi.grid;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;

import shanzhi.people.PersonRow;

@DgsComponent
public class GridEventFields {

    @DgsData(parentType = "GridEvent", field = "region")
    public CompletableFuture<RegionRow> region(DgsDataFetchingEnvironment env) {
        GridEventRow event = env.getSource();
        DataLoader<String, RegionRow> loader = env.getDataLoader(RegionLoader.NAME);
        return loader.load(event.cellCode());
    }

    @DgsData(parentType = "GridEvent", field = "reporter")
    public CompletableFuture<GridWorkerRow> reporter(DgsDataFetchingEnvironment env) {
        GridEventRow event = env.getSource();
        DataLoader<Long, GridWorkerRow> loader = env.getDataLoader(GridWorkerLoader.NAME);
        return loader.load(event.reporterId());
    }

    @DgsData(parentType = "GridEvent", field = "persons")
    public CompletableFuture<List<PersonRow>> persons(DgsDataFetchingEnvironment env) {
        GridEventRow event = env.getSource();
        DataLoader<Long, List<PersonRow>> loader = env.getDataLoader(GridEventPersonsLoader.NAME);
        return loader.load(event.id()).thenApply(found -> found == null ? List.of() : found);
    }

    @DgsData(parentType = "GridWorker", field = "grid")
    public CompletableFuture<RegionRow> grid(DgsDataFetchingEnvironment env) {
        GridWorkerRow worker = env.getSource();
        DataLoader<String, RegionRow> loader = env.getDataLoader(RegionLoader.NAME);
        return loader.load(worker.gridCode());
    }
}
