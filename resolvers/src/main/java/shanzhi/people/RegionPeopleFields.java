package shanzhi.people;

import java.util.concurrent.CompletableFuture;


import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.InputArgument;

import shanzhi.api.ScopedBatchLoader;
import shanzhi.api.Caller;
import shanzhi.api.Connection;
import shanzhi.api.CountsUnderRegion;
import shanzhi.grid.RegionRow;
import shanzhi.schema.types.PersonFilter;

/** Region fields answered by the people store. */
@DgsComponent
public class RegionPeopleFields {

    /** Residents under the region that the caller may see (their scope's part of it). */
    @DgsData(parentType = "Region", field = "population")
    public CompletableFuture<Integer> population(DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        var visible = Caller.of(env).scope().narrow(region.code());
        if (visible.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return ScopedBatchLoader.<CountsUnderRegion.Key<PersonCriteria>, Integer>load(env, ResidentCountLoader.NAME, new CountsUnderRegion.Key<>(visible.get(), PersonCriteria.NONE));
    }

    @DgsData(parentType = "Region", field = "residents")
    public CompletableFuture<Connection<PersonRow>> residents(@InputArgument PersonFilter filter,
                                                             DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        return Residents.page(env, region.code(), PersonCriteria.of(filter, env));
    }
}
