package shanzhi.grid;

import java.util.List;
import java.util.Map;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.CountsUnderRegion;
import shanzhi.schema.types.GridEventStatus;

@DgsDataLoader(name = GridEventCountLoader.NAME)
public class GridEventCountLoader extends CountsUnderRegion<GridEventStatus> {
    public static final String NAME = "gridEventCount";
    private final GridEventRepository events;

    public GridEventCountLoader(GridEventRepository events) {
        this.events = events;
    }

    @Override
    protected Mono<Map<String, Integer>> counts(List<String> regionCodes, GridEventStatus status) {
        return events.countUnder(regionCodes, status);
    }
}
