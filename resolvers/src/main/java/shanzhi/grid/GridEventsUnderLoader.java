package shanzhi.grid;

import java.util.List;
import java.util.Map;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Page;
import shanzhi.api.PageArgs;
import shanzhi.api.PagesUnderRegion;
import shanzhi.schema.types.GridEventStatus;

@DgsDataLoader(name = GridEventsUnderLoader.NAME)
public class GridEventsUnderLoader extends PagesUnderRegion<GridEventStatus, GridEventRow> {
    public static final String NAME = "gridEventsUnder";
    private final GridEventRepository events;

    public GridEventsUnderLoader(GridEventRepository events) {
        this.events = events;
    }

    @Override
    protected Mono<Map<String, Page<GridEventRow>>> pages(List<String> regionCodes, GridEventStatus status, PageArgs page) {
        return events.under(regionCodes, status, page);
    }
}
