package shanzhi.grid;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.netflix.graphql.dgs.DgsCodeRegistry;
import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.idl.TypeDefinitionRegistry;
import shanzhi.api.BatchedField;
import shanzhi.api.ScopedBatchLoader;
import shanzhi.people.PersonRow;

@DgsComponent
public class GridEventFields {

    /** Per-item fields as plain fetchers (see BatchedField). */
    @DgsCodeRegistry
    public GraphQLCodeRegistry.Builder batchedFields(GraphQLCodeRegistry.Builder registry, TypeDefinitionRegistry types) {
        return registry.dataFetcher(FieldCoordinates.coordinates("GridEvent", "persons"),
                new BatchedField<GridEventRow, Long, List<PersonRow>>(GridEventPersonsLoader.NAME, GridEventRow::id, List.of()));
    }

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

    @DgsData(parentType = "GridWorker", field = "grid")
    public CompletableFuture<RegionRow> grid(DgsDataFetchingEnvironment env) {
        GridWorkerRow worker = env.getSource();
        return ScopedBatchLoader.<String, RegionRow>load(env, RegionLoader.NAME, worker.gridCode());
    }
}
