package shanzhi.grid;

import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;

import reactor.core.publisher.Mono;
import shanzhi.api.Connection;
import shanzhi.api.Cursor;
import shanzhi.api.Ids;
import shanzhi.api.PageArgs;
import shanzhi.api.RegionCode;
import shanzhi.schema.types.RegionLevel;

@DgsComponent
public class GridQueries {
    private final RegionRepository regions;

    public GridQueries(RegionRepository regions) {
        this.regions = regions;
    }

    @DgsQuery
    public CompletableFuture<RegionRow> region(@InputArgument String code, DgsDataFetchingEnvironment env) {
        DataLoader<String, RegionRow> loader = env.getDataLoader(RegionLoader.NAME);
        return loader.load(RegionCode.requireValid(code));
    }

    @DgsQuery
    public Mono<Connection<RegionRow>> regions(@InputArgument RegionLevel level, @InputArgument String under,
                                               DgsDataFetchingEnvironment env) {
        String scope = under == null ? null : RegionCode.requireValid(under);
        PageArgs page = PageArgs.of(env.getArguments());
        return regions.ofLevel(level, scope, page).map(rows -> Connection.of(rows, page,
                region -> Cursor.ofCode(region.code()), () -> regions.countOfLevel(level, scope).toFuture()));
    }

    @DgsQuery
    public CompletableFuture<GridEventRow> gridEvent(@InputArgument String id, DgsDataFetchingEnvironment env) {
        DataLoader<Long, GridEventRow> loader = env.getDataLoader(GridEventLoader.NAME);
        return loader.load(Ids.parse(id, "grid event"));
    }
}
