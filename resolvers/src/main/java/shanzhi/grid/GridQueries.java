package shanzhi.grid;

import java.util.concurrent.CompletableFuture;


import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;

import reactor.core.publisher.Mono;
import shanzhi.api.Caller;
import shanzhi.api.Connection;
import shanzhi.api.Scope;
import shanzhi.api.Cursor;
import shanzhi.api.Ids;
import shanzhi.api.Paging;
import shanzhi.api.RegionCode;
import shanzhi.schema.types.RegionLevel;

@DgsComponent
public class GridQueries {
    private final RegionRepository regions;

    public GridQueries(RegionRepository regions) {
        this.regions = regions;
    }

    @DgsQuery
    public Mono<Connection<RegionRow>> regions(@InputArgument RegionLevel level, @InputArgument String under,
                                               DgsDataFetchingEnvironment env) {
        String asked = under == null ? null : RegionCode.requireValid(under);
        // level and under are arguments, so they bind the cursors already: no parent key.
        Paging paging = Paging.of(env, null);
        Scope scope = Caller.of(env).scope();
        String visible = scope.narrow(asked == null ? scope.region() : asked).orElse(null);
        if (visible == null) {
            return Mono.just(paging.empty());
        }
        return regions.ofLevel(level, visible, paging.page()).map(rows -> paging.connection(rows,
                region -> Cursor.ofCode(region.code()), () -> regions.countOfLevel(level, visible).toFuture()));
    }

}
