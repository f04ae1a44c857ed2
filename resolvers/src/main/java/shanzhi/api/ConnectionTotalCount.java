package shanzhi.api;

import java.util.concurrent.CompletableFuture;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;

/** totalCount of every connection type, counted in SQL by the connection's own count loader. */
@DgsComponent
public class ConnectionTotalCount {

    @DgsData(parentType = "RegionConnection", field = "totalCount")
    @DgsData(parentType = "PersonConnection", field = "totalCount")
    @DgsData(parentType = "GridWorkerConnection", field = "totalCount")
    @DgsData(parentType = "DisputeConnection", field = "totalCount")
    @DgsData(parentType = "IncidentConnection", field = "totalCount")
    @DgsData(parentType = "GridEventConnection", field = "totalCount")
    public CompletableFuture<Integer> totalCount(DgsDataFetchingEnvironment env) {
        Connection<?> connection = env.getSource();
        return connection.counter().get();
    }
}
