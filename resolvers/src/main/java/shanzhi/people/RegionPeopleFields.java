package shanzhi.people;

import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.InputArgument;

import shanzhi.api.Connection;
import shanzhi.api.CountsUnderRegion;
import shanzhi.api.PageArgs;
import shanzhi.grid.RegionRow;
import shanzhi.schema.types.PersonFilter;

/** Region fields answered by the people store. */
@DgsComponent
public class RegionPeopleFields {

    @DgsData(parentType = "Region", field = "population")
    public CompletableFuture<Integer> population(DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        DataLoader<CountsUnderRegion.Key<PersonCriteria>, Integer> counts = env.getDataLoader(ResidentCountLoader.NAME);
        return counts.load(new CountsUnderRegion.Key<>(region.code(), PersonCriteria.NONE));
    }

    @DgsData(parentType = "Region", field = "residents")
    public CompletableFuture<Connection<PersonRow>> residents(@InputArgument PersonFilter filter,
                                                             DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        return Residents.page(env, region.code(), PersonCriteria.of(filter), PageArgs.of(env.getArguments()));
    }
}
