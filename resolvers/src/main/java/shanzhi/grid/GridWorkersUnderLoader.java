package shanzhi.grid;

import java.util.List;
import java.util.Map;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Page;
import shanzhi.api.PageArgs;
import shanzhi.api.PagesUnderRegion;

/** Grid workers under each region; the filter is unused (the field has none). */
@DgsDataLoader(name = GridWorkersUnderLoader.NAME)
public class GridWorkersUnderLoader extends PagesUnderRegion<Void, GridWorkerRow> {
    public static final String NAME = "gridWorkersUnder";
    private final GridWorkerRepository workers;

    public GridWorkersUnderLoader(GridWorkerRepository workers) {
        this.workers = workers;
    }

    @Override
    protected Mono<Map<String, Page<GridWorkerRow>>> pages(List<String> regionCodes, Void none, PageArgs page) {
        return workers.under(regionCodes, page);
    }
}
