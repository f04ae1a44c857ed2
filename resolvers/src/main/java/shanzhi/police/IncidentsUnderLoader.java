package shanzhi.police;

import java.util.List;
import java.util.Map;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Page;
import shanzhi.api.PageArgs;
import shanzhi.api.PagesUnderRegion;

@DgsDataLoader(name = IncidentsUnderLoader.NAME)
public class IncidentsUnderLoader extends PagesUnderRegion<IncidentFilter, IncidentRow> {
    public static final String NAME = "incidentsUnder";
    private final IncidentRepository incidents;

    public IncidentsUnderLoader(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    protected Mono<Map<String, Page<IncidentRow>>> pages(List<String> regionCodes, IncidentFilter filter, PageArgs page) {
        return incidents.under(regionCodes, filter, page);
    }
}
