package shanzhi.police;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.InputArgument;

import shanzhi.api.BadUserInput;
import shanzhi.api.Caller;
import shanzhi.api.Connection;
import shanzhi.api.ConnectionUnderRegion;
import shanzhi.api.Cursor;
import shanzhi.api.ScopedBatchLoader;
import shanzhi.grid.RegionRow;
import shanzhi.schema.types.IncidentCategory;

/** Incidents under a region (a page and its count) and their yearly statistics, in the caller's scope. */
@DgsComponent
public class IncidentConnections {
    private static final int FIRST_YEAR = 1949;
    private static final int LAST_YEAR = 2100;

    @DgsData(parentType = "Region", field = "incidents")
    public CompletableFuture<Connection<IncidentRow>> regionIncidents(@InputArgument IncidentCategory category,
                                                                     @InputArgument LocalDate from,
                                                                     @InputArgument LocalDate to,
                                                                     DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        return ConnectionUnderRegion.load(env, IncidentsUnderLoader.NAME, IncidentCountLoader.NAME, region.code(),
                new IncidentFilter(category, from, to),
                (IncidentRow incident) -> Cursor.ofTime(incident.occurredAt().toInstant(), incident.id()));
    }

    @DgsData(parentType = "Region", field = "incidentStats")
    public CompletableFuture<List<IncidentStatRow>> regionStats(@InputArgument Integer year,
                                                               DgsDataFetchingEnvironment env) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new BadUserInput("year must be between " + FIRST_YEAR + " and " + LAST_YEAR + ", got " + year);
        }
        RegionRow region = env.getSource();
        String visible = Caller.of(env).scope().narrow(region.code()).orElse(null);
        if (visible == null) {
            return CompletableFuture.completedFuture(null);
        }
        return ScopedBatchLoader.<IncidentStatsLoader.Key, List<IncidentStatRow>>load(env, IncidentStatsLoader.NAME,
                new IncidentStatsLoader.Key(visible, year));
    }
}
