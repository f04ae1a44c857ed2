package shanzhi.police;

import java.util.List;
import java.util.Map;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.CountsUnderRegion;

@DgsDataLoader(name = IncidentCountLoader.NAME)
public class IncidentCountLoader extends CountsUnderRegion<IncidentFilter> {
    public static final String NAME = "incidentCount";
    private final IncidentRepository incidents;

    public IncidentCountLoader(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    protected Mono<Map<String, Integer>> counts(List<String> regionCodes, IncidentFilter filter) {
        return incidents.countUnder(regionCodes, filter);
    }
}
