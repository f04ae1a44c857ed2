package shanzhi.grid;

import java.util.concurrent.CompletableFuture;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.InputArgument;

import shanzhi.api.Connection;
import shanzhi.api.ConnectionUnderRegion;
import shanzhi.api.Cursor;
import shanzhi.api.RegionCode;
import shanzhi.schema.types.GridEventStatus;

/** Region fields answered by the grid store's workers and events. */
@DgsComponent
public class RegionGridFields {

    @DgsData(parentType = "Region", field = "gridWorkers")
    public CompletableFuture<Connection<GridWorkerRow>> gridWorkers(DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        return ConnectionUnderRegion.load(env, GridWorkersUnderLoader.NAME, GridWorkerCountLoader.NAME,
                RegionCode.gridScopeOf(region.code()), (Void) null,
                (GridWorkerRow worker) -> Cursor.ofId(worker.id()));
    }

    @DgsData(parentType = "Region", field = "gridEvents")
    public CompletableFuture<Connection<GridEventRow>> gridEvents(@InputArgument GridEventStatus status,
                                                                 DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        return ConnectionUnderRegion.load(env, GridEventsUnderLoader.NAME, GridEventCountLoader.NAME,
                region.code(), status,
                (GridEventRow event) -> Cursor.ofTime(event.reportedAt().toInstant(), event.id()));
    }
}
